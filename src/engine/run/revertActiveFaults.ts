import { errorMessage } from "../errors";
import { disarmDeadMan } from "../faults/deadManSwitch";
import type { FaultContext, RevertRecord } from "../faults/FaultDriver";
import type { ActiveFault } from "../journal/journalReader";
import { JournalWriter } from "../journal/JournalWriter";
import { InventorySchema, type Inventory, type Target } from "../model/inventorySchema";
import type { FaultType } from "../model/faultSchemas";
import type { TransportPool } from "../transports/Transport";
import { faultTag } from "./FaultLedger";
import type { RunDeps } from "./RunDeps";

/** Per-fault bound on revert + verification + disarm. */
const REVERT_TIMEOUT_MS = 120_000;

export interface RevertReport {
  fault: ActiveFault;
  verified: boolean;
  /** Who put it back: this process (sweep/halt), the target's dead-man switch, or nobody had to. */
  by: "sweep" | "halt" | "dead-man" | "not-needed";
  /** Revert + verification time for this fault. */
  ms: number;
  error?: string;
}

export interface RevertDeps {
  faultDriver: RunDeps["faultDriver"];
  /** A pool over the given inventory (the journaled targets merged over the current one). */
  createTransports(inventory: Inventory): TransportPool;
  log(message: string): void;
  /** Epoch ms (tests pass a fixed clock to decide whether a dead-man switch was due). */
  now?: () => number;
}

/**
 * The one revert path for faults a journal says are still active, from a process that did
 * not inject them: the CLI's start-up sweep, `halt`, and the extension's sweep and halt.
 * Every fault is reverted in parallel (each fault's driver touches only what carries its own
 * tag), verified, its dead-man switch disarmed once the revert is verified (an unverified
 * revert leaves the target's own timer as the backstop), and the outcome recorded in the
 * fault's own run journal. The target is reached as the journal recorded it, so a renamed
 * or edited inventory cannot strand a fault.
 */
export async function revertActiveFaults(faults: readonly ActiveFault[], by: "sweep" | "halt", deps: RevertDeps, current?: Inventory): Promise<RevertReport[]> {
  if (faults.length === 0) return [];
  const targets: Record<string, Target> = { ...(current?.targets ?? {}) };
  for (const f of faults) {
    targets[f.planned.target] = { allowChaos: true, tools: [], labels: {}, ...targets[f.planned.target], transport: f.planned.transport };
  }
  const inventory = InventorySchema.parse({ ...(current ?? {}), targets });
  const pool = deps.createTransports(inventory);
  try {
    return await Promise.all(faults.map((f) => revertOne(f, by, deps, pool, inventory)));
  } finally {
    await pool.closeAll();
  }
}

async function revertOne(f: ActiveFault, by: "sweep" | "halt", deps: RevertDeps, pool: TransportPool, inventory: Inventory): Promise<RevertReport> {
  const started = performance.now();
  const now = deps.now ?? Date.now;
  const faultId = f.planned.faultId;
  const journal = JournalWriter.append(f.journalFile, f.runId, now);
  const report = (verified: boolean, who: RevertReport["by"], error?: string): RevertReport => {
    journal.write({ type: "fault-reverted", faultId, verified, by: who, ...(error !== undefined ? { error } : {}) });
    return { fault: f, verified, by: who, ms: performance.now() - started, ...(error !== undefined ? { error } : {}) };
  };
  try {
    if (!f.planned.reversible) return report(true, "not-needed");
    try {
      const driver = deps.faultDriver(f.planned.faultType as FaultType);
      const transport = await pool.get(f.planned.target);
      const ctx: FaultContext = {
        transport,
        targetName: f.planned.target,
        target: inventory.targets[f.planned.target]!,
        tag: faultTag(f.runId, faultId),
        signal: AbortSignal.timeout(REVERT_TIMEOUT_MS),
        log: (m: string) => deps.log(`${faultId}: ${m}`),
      };
      const record = f.planned.revert as RevertRecord;
      const deadManAt = f.planned.deadManAt;
      // Past its time, the target's own timer has run the revert already: recognise it rather than redo it.
      if (deadManAt !== null && now() >= deadManAt && (await driver.verifyReverted(ctx, record).catch(() => false))) return report(true, "dead-man");
      await driver.revert(ctx, record);
      if (!(await driver.verifyReverted(ctx, record))) return report(false, by, "the revert ran but the fault is still in place");
      if (deadManAt !== null && transport.kind !== "docker") {
        await disarmDeadMan(transport, ctx.tag).catch((e: unknown) => deps.log(`${faultId}: dead-man switch not disarmed: ${errorMessage(e)}`));
      }
      return report(true, by);
    } catch (e) {
      return report(false, by, errorMessage(e));
    }
  } finally {
    journal.close();
  }
}
