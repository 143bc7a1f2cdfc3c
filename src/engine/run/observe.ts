import { durationMs, formatMs } from "../model/duration";
import type { Experiment } from "../model/experimentSchema";
import type { FaultLedger } from "./FaultLedger";
import type { ProbeEvaluator } from "./ProbeEvaluator";
import type { Clock } from "./RunDeps";
import type { RunRecorder } from "./RunRecorder";
import type { ExpectationOutcome } from "./RunResult";
import type { RecoveryTracker } from "./steadyState";

export interface ObservationResult {
  expectations: ExpectationOutcome[];
  guardTripped?: { name: string; detail: string };
  cancelled: boolean;
}

interface Tracked {
  outcome: ExpectationOutcome;
  decided: boolean;
}

/**
 * Polls expectations and guards every `observe.interval` from injection. An `eventually`
 * expectation is decided when met or when its `within` passes; a `throughout` one fails at
 * its first failed poll. Faults with a duration are reverted as it elapses. Observation ends
 * when every eventually-expectation is decided and the longest fault and throughout window
 * are over, or at `observe.window` when one is set, or at once when a guard trips or the
 * run is cancelled.
 */
export async function observe(args: {
  experiment: Experiment;
  injectedAt: number;
  ledger: FaultLedger;
  evaluator: ProbeEvaluator;
  recorder: RunRecorder;
  recovery: RecoveryTracker;
  clock: Clock;
  signal: AbortSignal;
}): Promise<ObservationResult> {
  const { experiment, injectedAt, ledger, evaluator, recorder, recovery, clock, signal } = args;
  const intervalMs = durationMs(experiment.observe.interval);
  const windowMs = experiment.observe.window !== undefined ? durationMs(experiment.observe.window) : undefined;
  const tracked: Tracked[] = experiment.expectations.map((e) => ({
    decided: false,
    outcome: { name: e.name, measures: e.measures ?? null, mode: e.mode, withinMs: durationMs(e.within), met: false, metAt: null, detail: "not observed" },
  }));
  const throughoutEnd = Math.max(injectedAt, ...tracked.filter((t) => t.outcome.mode === "throughout").map((t) => injectedAt + t.outcome.withinMs));
  const failures = new Map<string, number>();

  const decide = (t: Tracked, met: boolean, at: number, detail: string) => {
    t.decided = true;
    Object.assign(t.outcome, { met, metAt: met ? at : null, detail });
    recorder.record({ type: "expectation", at, name: t.outcome.name, measures: t.outcome.measures, met, metAt: met ? at : null, detail });
  };
  const finish = (at: number, cancelled: boolean, guardTripped?: ObservationResult["guardTripped"]): ObservationResult => {
    for (const t of tracked) {
      if (t.decided) continue;
      if (t.outcome.mode === "throughout" && !cancelled && !guardTripped) decide(t, true, at, `held at every poll: ${t.outcome.detail}`);
      else decide(t, false, at, `undecided when observation ended (${cancelled ? "cancelled" : guardTripped ? "guard tripped" : "observation window over"}): ${t.outcome.detail}`);
    }
    return { expectations: tracked.map((t) => t.outcome), cancelled, ...(guardTripped ? { guardTripped } : {}) };
  };

  for (;;) {
    if (signal.aborted) return finish(clock.now(), true);
    const at = clock.now();
    await ledger.revertDue(at);
    // Recovery is counted from injection while there is nothing for us to revert, else from the last revert.
    const recoverySince = ledger.nothingReversible ? injectedAt : ledger.lastRevertAt();
    const open = tracked.filter((t) => !t.decided);
    const [expectationResults, guardResults] = await Promise.all([
      Promise.all(open.map((t) => evaluator.evaluate(experiment.expectations[tracked.indexOf(t)]!.probe))),
      Promise.all(experiment.guards.map((g) => evaluator.evaluate(g.probe))),
      recovery.probes.length > 0 && recoverySince !== undefined ? recovery.poll(evaluator, recorder, at, recoverySince) : Promise.resolve(true),
    ]);
    open.forEach((t, i) => {
      const r = expectationResults[i]!;
      recorder.sample("expectation", t.outcome.name, at, r);
      t.outcome.detail = r.detail;
      if (t.outcome.mode === "throughout") {
        if (!r.ok) decide(t, false, at, `failed at ${formatMs(at - injectedAt)} after injection: ${r.detail}`);
      } else if (r.ok) decide(t, true, at, r.detail);
      else if (at - injectedAt >= t.outcome.withinMs) decide(t, false, at, `not met within ${formatMs(t.outcome.withinMs)}: ${r.detail}`);
    });
    for (const [i, g] of experiment.guards.entries()) {
      const r = guardResults[i]!;
      recorder.sample("guard", g.name, at, r);
      const count = r.ok ? 0 : (failures.get(g.name) ?? 0) + 1;
      failures.set(g.name, count);
      if (count >= g.failures) {
        const detail = `failed ${count} consecutive polls: ${r.detail}`;
        recorder.record({ type: "guard-tripped", at, name: g.name, detail });
        return finish(at, false, { name: g.name, detail });
      }
    }
    const elapsed = at - injectedAt;
    const allDecided = tracked.every((t) => t.decided || t.outcome.mode === "throughout");
    const faultsOver = at >= (ledger.longestDurationEnd() ?? injectedAt);
    if (windowMs !== undefined ? elapsed >= windowMs : allDecided && faultsOver && at >= throughoutEnd) return finish(at, false);
    await clock.sleep(at + intervalMs - clock.now(), signal);
  }
}
