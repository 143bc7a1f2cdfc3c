import type { Timings } from "../journal/journalEvents";
import type { ExpectationOutcome } from "./RunResult";

export interface TimingInputs {
  /** When the first fault was injected (null: nothing was). */
  injectedAt: number | null;
  expectations: readonly ExpectationOutcome[];
  /** Where recovery is counted from: the last revert, or the injection when nothing was reversible. */
  recoverySince: number | null;
  /** When the steady state was seen back (null: it was not). */
  steadyBackAt: number | null;
}

function firstMet(expectations: readonly ExpectationOutcome[], measures: ExpectationOutcome["measures"]): number | null {
  const times = expectations.filter((e) => e.measures === measures && e.met && e.metAt !== null).map((e) => e.metAt!);
  return times.length > 0 ? Math.min(...times) : null;
}

/**
 * detect: injection → first `measures: detect` expectation met; notify: that detection →
 * first `measures: notify` met; recover: recovery start → first `measures: recover` met,
 * else → steady state back. A time that cannot be measured is null, never a guess.
 */
export function computeTimings(t: TimingInputs): Timings {
  const detectAt = firstMet(t.expectations, "detect");
  const notifyAt = firstMet(t.expectations, "notify");
  const recoverAt = firstMet(t.expectations, "recover") ?? t.steadyBackAt;
  const span = (from: number | null, to: number | null) => (from !== null && to !== null ? Math.max(0, to - from) : null);
  return {
    detectMs: span(t.injectedAt, detectAt),
    notifyMs: span(detectAt, notifyAt),
    recoverMs: span(t.recoverySince, recoverAt),
  };
}
