/**
 * Lab timings of the supervisor. Real runner: health poll with a 5 s timeout, back-off
 * 2 s × 1.5ⁿ, and systemd `RestartSec=5` around it.
 */
export const supervisorLabTimings = {
  healthIntervalMs: 1000,
  healthTimeoutMs: 5000,
  startupGraceMs: 10_000,
  backoffBaseMs: 1000,
  backoffFactor: 1.5,
  backoffMaxMs: 30_000,
  backoffResetMs: 10_000,
  stopGraceMs: 3000,
};
