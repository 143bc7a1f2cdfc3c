import { join } from "node:path";
import { listActiveFaults, listRuns } from "../../../src/engine/journal/journalReader";

/** The workspace's journals, read with the engine's own reader: what the extension claims is checked against the ledger. */
export function journalDir(workspace: string): string {
  return join(workspace, ".surveillance-chaos", "runs");
}

export function activeFaults(workspace: string) {
  return listActiveFaults(journalDir(workspace));
}

export function runs(workspace: string) {
  return listRuns(journalDir(workspace));
}
