import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";

/** Where runs are journaled unless told otherwise: `.surveillance-chaos/runs` in the workspace. */
export function defaultJournalDir(workspace: string = process.cwd()): string {
  return resolve(workspace, ".surveillance-chaos", "runs");
}

/** `CT-01-20250101T120000Z-a1b2`: sortable by time, unique across parallel runs. */
export function newRunId(experimentId: string, at: number = Date.now()): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${experimentId}-${stamp}-${randomBytes(2).toString("hex")}`;
}

export function journalFile(dir: string, runId: string): string {
  return join(dir, `${runId}.jsonl`);
}

export function lockFile(dir: string, runId: string): string {
  return join(dir, `${runId}.lock`);
}
