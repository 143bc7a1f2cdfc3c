import * as z from "zod";
import { durationMs } from "../model/duration";
import type { FaultContext, PreparedFault } from "./FaultDriver";
import { waitUntil } from "./faultExec";
import { loadGeneratorArgv } from "./loadGenerator";
import { PS_ARGV } from "./processSelector";
import { findTagged, launchTagged, markerFor, stopTagged } from "./taggedProcess";

/**
 * What cpu-stress and memory-stress share: stress-ng when the target has it, else the
 * bundled Node load generator; either bounded three times (its own timeout, `timeout -k`
 * a few seconds later, and revert). Started detached and tagged; revert stops only the
 * process groups carrying this fault's marker. No dead-man revertArgv: the stressor's own
 * --timeout and `timeout -k` already end it on the target if the runner is gone.
 */

/** Extra seconds `timeout` grants past the duration before it kills the stressor. */
const BOUND_S = 5;

export const StressRecordSchema = z.object({
  type: z.enum(["cpu-stress", "memory-stress"]),
  marker: z.string(),
  argv: z.array(z.string()),
  tool: z.enum(["stress-ng", "node"]),
});
export type StressRecord = z.infer<typeof StressRecordSchema>;

export interface StressSpec {
  kind: "cpu" | "memory";
  stressNgArgs: string[];
  workers: number;
  /** Load generator amount: busy percent (cpu), bytes or "N%" (memory). */
  amount: string;
  summary: string;
}

export function stressArgv(tool: "stress-ng" | "node", spec: StressSpec, ms: number): string[] {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  // --foreground: otherwise timeout moves into a process group of its own, out of our tagged one.
  const bounded = ["timeout", "--foreground", "-k", "2", String(seconds + BOUND_S)];
  return tool === "stress-ng"
    ? [...bounded, "stress-ng", ...spec.stressNgArgs, "--timeout", `${seconds}s`]
    : [...bounded, ...loadGeneratorArgv(spec.kind, spec.workers, spec.amount, seconds * 1000)];
}

export async function prepareStress(ctx: FaultContext, type: StressRecord["type"], duration: number | string, spec: StressSpec): Promise<PreparedFault> {
  const ms = durationMs(duration);
  if (ms <= 0) throw new Error(`${type} needs a duration`);
  const tool = (await ctx.transport.hasCommand("stress-ng")) ? "stress-ng" : (await ctx.transport.hasCommand("node")) ? "node" : undefined;
  if (tool === undefined) throw new Error(`${ctx.targetName} has neither stress-ng nor node for ${type}`);
  const marker = markerFor(spec.kind, ctx.tag);
  const argv = stressArgv(tool, spec, ms);
  const record: StressRecord = { type, marker, argv, tool };
  return {
    summary: `${spec.summary} for ${Math.ceil(ms / 1000)}s with ${tool} on ${ctx.targetName}`,
    commands: [ctx.transport.render(argv)],
    // The group id exists only once injected: revert lists processes, then signals the groups led by the marker.
    revertCommands: [ctx.transport.render(PS_ARGV), `${ctx.transport.render(["kill", "-s", "TERM", "--"])} -PGID (each group led by "… ${marker}")`],
    revert: record,
    reversible: true,
  };
}

export async function injectStress(ctx: FaultContext, prepared: PreparedFault): Promise<void> {
  const r = StressRecordSchema.parse(prepared.revert);
  await launchTagged(ctx, r.argv, r.marker);
}

/** Running: the tagged leader and at least one stressor under it. */
export async function verifyStressRunning(ctx: FaultContext, prepared: PreparedFault): Promise<boolean> {
  const r = StressRecordSchema.parse(prepared.revert);
  return waitUntil(async () => (await findTagged(ctx, r.marker)).length >= 2, 5_000, ctx.signal);
}

export async function revertStress(ctx: FaultContext, record: Record<string, unknown>): Promise<void> {
  await stopTagged(ctx, StressRecordSchema.parse(record).marker);
}

export async function verifyStressGone(ctx: FaultContext, record: Record<string, unknown>): Promise<boolean> {
  const r = StressRecordSchema.parse(record);
  return waitUntil(async () => (await findTagged(ctx, r.marker)).length === 0, 5_000, ctx.signal);
}
