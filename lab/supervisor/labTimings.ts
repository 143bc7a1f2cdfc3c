/**
 * Lab timings of the supervisor. Real runner: health poll with a 5 s timeout, back-off
 * 2 s × 1.5ⁿ, and systemd `RestartSec=5` around it, so a killed dashboard stays down for
 * 5–7 s. The lab keeps an outage of that order (first restart after 8 s) so that the
 * service-down rule's lab `for:` can elapse, as the plan's CT-01 expects the alert to fire.
 */
export const supervisorLabTimings = {
  healthIntervalMs: 1000,
  healthTimeoutMs: 5000,
  startupGraceMs: 10_000,
  backoffBaseMs: 8000,
  backoffFactor: 1.5,
  backoffMaxMs: 30_000,
  backoffResetMs: 10_000,
  stopGraceMs: 3000,
};
