import type { Verdict } from "../journal/journalEvents";

export interface VerdictInputs {
  refused: boolean;
  /** An unexpected error ended the run (after which everything was reverted). */
  errored: boolean;
  cancelled: boolean;
  guardTripped: boolean;
  steadyStateBefore: boolean;
  allExpectationsMet: boolean;
  steadyStateBack: boolean;
  allRevertsVerified: boolean;
}

/** passed only when the steady state held before and came back, every expectation was met, no guard tripped and every revert was verified. */
export function computeVerdict(v: VerdictInputs): Verdict {
  if (v.refused) return "refused";
  if (v.errored) return "error";
  if (v.cancelled || v.guardTripped) return "aborted";
  return v.steadyStateBefore && v.allExpectationsMet && v.steadyStateBack && v.allRevertsVerified ? "passed" : "failed";
}
