import { listRuns, type ActiveFault } from "../journal/journalReader";
import type { Inventory } from "../model/inventorySchema";
import { revertActiveFaults, type RevertDeps, type RevertReport } from "./revertActiveFaults";

/** Active faults of runs whose process is gone: what the start-up sweep reverts. */
export function orphanedFaults(journalDir: string): ActiveFault[] {
  return listRuns(journalDir)
    .filter((r) => !r.live)
    .flatMap((r) => r.activeFaults);
}

/** The start-up sweep of the CLI and the extension: reverts every orphaned fault, recording each outcome in its run's journal. */
export async function sweepDeadRuns(journalDir: string, deps: RevertDeps, current?: Inventory): Promise<RevertReport[]> {
  return revertActiveFaults(orphanedFaults(journalDir), "sweep", deps, current);
}
