import { errorMessage } from "../errors";
import { faultId, type AnyFaultDriver } from "../faults/FaultDriver";
import type { Experiment } from "../model/experimentSchema";
import type { Fault } from "../model/faultSchemas";
import type { Inventory, Target } from "../model/inventorySchema";
import type { Transport } from "../transports/Transport";
import { checkAlertExpectations } from "./alertPreflight";
import type { RunDeps } from "./RunDeps";

export interface ReadyFault {
  fault: Fault;
  faultId: string;
  targetName: string;
  target: Target;
  driver: AnyFaultDriver;
  transport: Transport;
}

export type PreflightOutcome = { ok: true; faults: ReadyFault[] } | { ok: false; reasons: string[] };

const REACH_TIMEOUT_MS = 15_000;

/**
 * Everything that must be true before anything is injected: each target opted in and
 * reachable, each tool the faults need present, a driver for every fault and probe, and
 * every expected alert able to fire in time. It only reads; every reason is collected so
 * the user fixes them all at once.
 */
export async function preflight(experiment: Experiment, inventory: Inventory, deps: RunDeps, signal: AbortSignal): Promise<PreflightOutcome> {
  const reasons: string[] = [];
  const faults: ReadyFault[] = [];
  for (const [index, fault] of experiment.faults.entries()) {
    const ready = await checkFault(fault, faultId(fault, index), inventory, deps, signal, reasons);
    if (ready) faults.push(ready);
  }
  const probes = [...experiment.steadyState, ...experiment.expectations, ...experiment.guards].map((p) => p.probe);
  for (const type of new Set(probes.map((p) => p.type))) {
    try {
      deps.probeDriver(type);
    } catch (e) {
      reasons.push(errorMessage(e));
    }
  }
  reasons.push(...(await checkAlertExpectations(experiment, inventory, deps, signal)));
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, faults };
}

async function checkFault(fault: Fault, id: string, inventory: Inventory, deps: RunDeps, signal: AbortSignal, reasons: string[]): Promise<ReadyFault | undefined> {
  const where = `fault ${id}`;
  const target = inventory.targets[fault.target];
  if (!target) {
    reasons.push(`${where}: target "${fault.target}" is not in the inventory`);
    return undefined;
  }
  if (!target.allowChaos) {
    reasons.push(`${where}: target "${fault.target}" has not opted in to chaos (set allowChaos: true in the inventory)`);
    return undefined;
  }
  let driver: AnyFaultDriver;
  try {
    driver = deps.faultDriver(fault.type);
  } catch (e) {
    reasons.push(`${where}: ${errorMessage(e)}`);
    return undefined;
  }
  let transport: Transport;
  try {
    transport = await deps.transports.get(fault.target);
    const r = await transport.exec(["true"], { signal, timeoutMs: REACH_TIMEOUT_MS });
    if (r.code !== 0) throw new Error(`\`true\` exited ${r.code ?? r.signal}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ""}`);
  } catch (e) {
    reasons.push(`${where}: target "${fault.target}" is unreachable: ${errorMessage(e)}`);
    return undefined;
  }
  const missing: string[] = [];
  for (const tool of driver.requiredTools(fault)) {
    if (!(await transport.hasCommand(tool))) missing.push(tool);
  }
  if (missing.length > 0) {
    reasons.push(`${where}: target "${fault.target}" lacks ${missing.length === 1 ? "the tool" : "the tools"} ${missing.join(", ")} (needed by ${fault.type})`);
    return undefined;
  }
  return { fault, faultId: id, targetName: fault.target, target, driver, transport };
}
