import { errorMessage } from "../errors";
import type { ActiveFault } from "../journal/journalReader";
import { JournalWriter } from "../journal/JournalWriter";
import { InventorySchema, type Inventory, type Target } from "../model/inventorySchema";
import type { FaultType } from "../model/faultSchemas";
import type { RevertRecord } from "../faults/FaultDriver";
import type { TransportPool } from "../transports/Transport";
import { faultTag } from "./FaultLedger";
import type { RunDeps } from "./RunDeps";

const REVERT_TIMEOUT_MS = 120_000;

export interface RevertReport {
  fault: ActiveFault;
  verified: boolean;
  error?: string;
}

export interface RevertDeps {
  faultDriver: RunDeps["faultDriver"];
  /** A pool over the given inventory (the journaled targets merged over the current one). */
  createTransports(inventory: Inventory): TransportPool;
  log(message: string): void;
}

/**
 * Reverts faults a journal says are still active, from a process that did not inject them
 * (the start-up sweep, `halt`): runs in parallel, each run's faults last-planned first, and
 * records the outcome in the fault's own run journal. The target is reached as the journal
 * recorded it, so a renamed or edited inventory cannot strand a fault.
 */
export async function revertActiveFaults(faults: readonly ActiveFault[], by: "sweep" | "halt", deps: RevertDeps, current?: Inventory): Promise<RevertReport[]> {
  if (faults.length === 0) return [];
  const targets: Record<string, Target> = { ...(current?.targets ?? {}) };
  for (const f of faults) {
    targets[f.planned.target] = { allowChaos: true, tools: [], labels: {}, ...targets[f.planned.target], transport: f.planned.transport };
  }
  const inventory = InventorySchema.parse({ ...(current ?? {}), targets });
  const pool = deps.createTransports(inventory);
  const byRun = new Map<string, ActiveFault[]>();
  for (const f of faults) byRun.set(f.journalFile, [...(byRun.get(f.journalFile) ?? []), f]);
  try {
    const reports = await Promise.all(
      [...byRun.values()].map(async (runFaults) => {
        const out: RevertReport[] = [];
        for (const f of [...runFaults].reverse()) out.push(await revertOne(f, by, deps, pool, inventory));
        return out;
      }),
    );
    return reports.flat();
  } finally {
    await pool.closeAll();
  }
}

async function revertOne(f: ActiveFault, by: "sweep" | "halt", deps: RevertDeps, pool: TransportPool, inventory: Inventory): Promise<RevertReport> {
  const journal = JournalWriter.append(f.journalFile, f.runId);
  try {
    if (!f.planned.reversible) {
      journal.write({ type: "fault-reverted", faultId: f.planned.faultId, verified: true, by: "not-needed" });
      return { fault: f, verified: true };
    }
    let verified = false;
    let error: string | undefined;
    try {
      const driver = deps.faultDriver(f.planned.faultType as FaultType);
      const transport = await pool.get(f.planned.target);
      const ctx = {
        transport,
        targetName: f.planned.target,
        target: inventory.targets[f.planned.target]!,
        tag: faultTag(f.runId, f.planned.faultId),
        signal: AbortSignal.timeout(REVERT_TIMEOUT_MS),
        log: (m: string) => deps.log(`${f.planned.faultId}: ${m}`),
      };
      const record = f.planned.revert as RevertRecord;
      await driver.revert(ctx, record);
      verified = await driver.verifyReverted(ctx, record);
      if (!verified) error = "the revert ran but the fault is still in place";
    } catch (e) {
      error = errorMessage(e);
    }
    journal.write({ type: "fault-reverted", faultId: f.planned.faultId, verified, by, ...(error !== undefined ? { error } : {}) });
    return { fault: f, verified, ...(error !== undefined ? { error } : {}) };
  } finally {
    journal.close();
  }
}
