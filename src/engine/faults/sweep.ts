import type { FaultType } from "../model/faultSchemas";
import { TargetSchema, type TransportSpec } from "../model/inventorySchema";
import type { TransportPool } from "../transports/Transport";
import { disarmDeadMan } from "./deadManSwitch";
import type { FaultContext, RevertRecord } from "./FaultDriver";
import { getFaultDriver } from "./faultRegistry";

/** One fault the journals say may still be in place (the journal reader maps fault-planned events to this). */
export interface ActiveFaultRef {
  runId: string;
  faultId: string;
  faultType: string;
  target: string;
  transport: TransportSpec;
  revert: Record<string, unknown>;
}

export interface SweepOptions {
  signal?: AbortSignal;
  log?: (message: string) => void;
  /** Per-fault bound on revert + verification. */
  timeoutMs?: number;
}

export interface SweepResult {
  runId: string;
  faultId: string;
  target: string;
  verified: boolean;
  ms: number;
  error?: string;
}

/** The tag the runner gave the fault (FaultLedger): revert and dead-man lookups are keyed by it. */
export function faultTag(runId: string, faultId: string): string {
  return `sc-${runId}-${faultId}`;
}

/**
 * Reverts every active fault in parallel (`halt`, and every start of the CLI or extension),
 * disarms its dead-man switch, verifies, and reports per fault. One fault failing never
 * stops the others; a target that cannot be reached is reported, and its dead-man switch
 * remains the backstop.
 */
export async function sweep(active: readonly ActiveFaultRef[], pool: TransportPool, options: SweepOptions = {}): Promise<SweepResult[]> {
  return Promise.all(active.map((f) => sweepOne(f, pool, options)));
}

async function sweepOne(f: ActiveFaultRef, pool: TransportPool, options: SweepOptions): Promise<SweepResult> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 60_000);
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const log = (m: string) => options.log?.(`${f.runId}/${f.faultId}: ${m}`);
  try {
    const driver = getFaultDriver(f.faultType as FaultType);
    const transport = await pool.get(f.target);
    const tag = faultTag(f.runId, f.faultId);
    const ctx: FaultContext = { transport, targetName: f.target, target: TargetSchema.parse({ allowChaos: true, transport: f.transport }), tag, signal, log };
    const record = { ...f.revert, type: f.faultType } as RevertRecord;
    await driver.revert(ctx, record);
    const verified = await driver.verifyReverted(ctx, record);
    // Disarmed only after a verified revert: otherwise the target's own timer stays the backstop.
    if (verified && transport.kind !== "docker") await disarmDeadMan(transport, tag).catch((e: unknown) => log(`dead-man not disarmed: ${String(e)}`));
    log(verified ? "reverted" : "revert not verified");
    return { runId: f.runId, faultId: f.faultId, target: f.target, verified, ms: performance.now() - started };
  } catch (e) {
    return { runId: f.runId, faultId: f.faultId, target: f.target, verified: false, ms: performance.now() - started, error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}
