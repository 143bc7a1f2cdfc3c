import { durationMs, formatMs } from "../model/duration";
import type { SteadyStateProbe } from "../model/experimentSchema";
import type { ProbeEvaluator } from "./ProbeEvaluator";
import type { Clock } from "./RunDeps";
import type { RunRecorder } from "./RunRecorder";

export interface SteadyStateCheck {
  ok: boolean;
  /** One line per probe that did not hold. */
  failures: string[];
}

/** Before injecting: each probe must hold, retried every `intervalMs` for up to its own tolerance. */
export async function checkSteadyStateBefore(
  probes: readonly SteadyStateProbe[],
  evaluator: ProbeEvaluator,
  recorder: RunRecorder,
  clock: Clock,
  intervalMs: number,
  signal: AbortSignal,
): Promise<SteadyStateCheck> {
  const results = await Promise.all(
    probes.map(async (p) => {
      const deadline = clock.now() + durationMs(p.tolerance);
      for (;;) {
        const at = clock.now();
        const result = await evaluator.evaluate(p.probe);
        recorder.sample("steady-state-before", p.name, at, result);
        if (result.ok) return undefined;
        if (signal.aborted || clock.now() + intervalMs > deadline) {
          const tolerance = durationMs(p.tolerance);
          return `steady state "${p.name}" did not hold${tolerance > 0 ? ` for ${formatMs(tolerance)}` : ""} before injection: ${result.detail}`;
        }
        await clock.sleep(intervalMs, signal);
      }
    }),
  );
  const failures = results.filter((r): r is string => r !== undefined);
  return { ok: failures.length === 0, failures };
}

/**
 * Steady state after the faults: "back" is the first poll of the latest unbroken run of
 * polls at which every probe held, since the recovery clock started (a probe that dips
 * again after looking healthy moves the time forward).
 */
export class RecoveryTracker {
  private backAt: number | undefined;
  /** Why the last poll did not hold, one line per probe. */
  lastFailures: string[] = [];

  constructor(readonly probes: readonly SteadyStateProbe[]) {}

  /** Polls every steady-state probe once; returns whether all held. */
  async poll(evaluator: ProbeEvaluator, recorder: RunRecorder, at: number, since: number | undefined): Promise<boolean> {
    const results = await Promise.all(this.probes.map((p) => evaluator.evaluate(p.probe)));
    results.forEach((r, i) => recorder.sample("steady-state-after", this.probes[i]!.name, at, r));
    const ok = results.every((r) => r.ok);
    if (since !== undefined && at >= since) {
      if (!ok) this.backAt = undefined;
      else if (this.backAt === undefined) this.backAt = at;
    }
    this.lastFailures = results.flatMap((r, i) => (r.ok ? [] : [`"${this.probes[i]!.name}": ${r.detail}`]));
    return ok;
  }

  get recoveredAt(): number | undefined {
    return this.backAt;
  }
}

/** After revert: polls until the steady state is back or the budget is spent. */
export async function waitForRecovery(
  tracker: RecoveryTracker,
  evaluator: ProbeEvaluator,
  recorder: RunRecorder,
  clock: Clock,
  intervalMs: number,
  budgetMs: number,
  since: number,
  signal: AbortSignal,
): Promise<{ back: boolean; failures: string[] }> {
  if (tracker.probes.length === 0) return { back: true, failures: [] };
  const deadline = clock.now() + budgetMs;
  for (;;) {
    const at = clock.now();
    if (await tracker.poll(evaluator, recorder, at, since)) return { back: true, failures: [] };
    if (signal.aborted || clock.now() + intervalMs > deadline) return { back: false, failures: tracker.lastFailures };
    await clock.sleep(intervalMs, signal);
  }
}
