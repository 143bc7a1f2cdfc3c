import type { RunResult } from "../../engine/run/RunResult";

/** Exit codes as the CLI's `run`: 0 held, 1 did not, 2 invalid or refused, 3 a revert failed. */
export function exitCodeOf(result: RunResult): number {
  if (result.revertFailed) return 3;
  if (result.verdict === "passed" || result.verdict === "dry-run") return 0;
  if (result.verdict === "refused" || result.verdict === "error") return 2;
  return 1;
}
