import * as z from "zod";
import { TransportSchema } from "../model/inventorySchema";

/**
 * One line of a run's journal (.surveillance-chaos/runs/<runId>.jsonl). The journal is the
 * ledger from which the sweep, `status`, `halt`, Active Faults and reports work, so every
 * line is parsed back with this schema. `at` is epoch milliseconds.
 */
const base = { at: z.number(), runId: z.string() };

export const PhaseSchema = z.enum([
  "validate",
  "preflight",
  "steady-state-before",
  "mark-start",
  "inject",
  "observe",
  "revert",
  "recover",
  "mark-end",
  "verdict",
]);
export type Phase = z.infer<typeof PhaseSchema>;

export const VerdictSchema = z.enum(["passed", "failed", "aborted", "refused", "error", "dry-run"]);
export type Verdict = z.infer<typeof VerdictSchema>;

export const TimingsSchema = z.strictObject({
  /** Injection → first `measures: detect` expectation met. */
  detectMs: z.number().nullable(),
  /** Detect → first `measures: notify` expectation met (alert → delivered). */
  notifyMs: z.number().nullable(),
  /** Revert (or injection, for faults with nothing to revert) → steady state back, or the first `measures: recover` expectation. */
  recoverMs: z.number().nullable(),
});
export type Timings = z.infer<typeof TimingsSchema>;

export const JournalEventSchema = z.discriminatedUnion("type", [
  z.strictObject({
    ...base,
    type: z.literal("run-started"),
    experimentId: z.string(),
    title: z.string(),
    component: z.string(),
    file: z.string(),
    inventoryFile: z.string(),
    host: z.string(),
    pid: z.number(),
    dryRun: z.boolean(),
    variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  }),
  z.strictObject({ ...base, type: z.literal("phase"), phase: PhaseSchema }),
  z.strictObject({
    ...base,
    type: z.literal("fault-planned"),
    faultId: z.string(),
    faultType: z.string(),
    target: z.string(),
    /** The target's transport as the inventory gave it (secret references only, never values). */
    transport: TransportSchema,
    summary: z.string(),
    commands: z.array(z.string()),
    revertCommands: z.array(z.string()),
    revert: z.record(z.string(), z.unknown()),
    reversible: z.boolean(),
    /** Epoch ms after which the target's dead-man switch reverts the fault by itself (if armed). */
    deadManAt: z.number().nullable(),
  }),
  z.strictObject({ ...base, type: z.literal("fault-injected"), faultId: z.string(), verified: z.boolean() }),
  z.strictObject({
    ...base,
    type: z.literal("fault-reverted"),
    faultId: z.string(),
    verified: z.boolean(),
    by: z.enum(["runner", "sweep", "halt", "dead-man", "not-needed"]),
    error: z.string().optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal("probe"),
    role: z.enum(["steady-state-before", "steady-state-after", "expectation", "guard", "preflight"]),
    name: z.string(),
    ok: z.boolean(),
    detail: z.string(),
  }),
  z.strictObject({
    ...base,
    type: z.literal("expectation"),
    name: z.string(),
    measures: z.enum(["detect", "notify", "recover"]).nullable(),
    met: z.boolean(),
    /** Epoch ms when it was first seen met (null when it never was). */
    metAt: z.number().nullable(),
    detail: z.string(),
  }),
  z.strictObject({ ...base, type: z.literal("guard-tripped"), name: z.string(), detail: z.string() }),
  z.strictObject({ ...base, type: z.literal("preflight-refused"), reasons: z.array(z.string()) }),
  z.strictObject({ ...base, type: z.literal("marker"), kind: z.enum(["start", "injected", "reverted", "end"]), sink: z.string(), ok: z.boolean(), detail: z.string() }),
  z.strictObject({ ...base, type: z.literal("note"), level: z.enum(["info", "warning", "error"]), message: z.string() }),
  z.strictObject({
    ...base,
    type: z.literal("run-finished"),
    verdict: VerdictSchema,
    timings: TimingsSchema,
    findings: z.array(z.string()),
    durationMs: z.number(),
  }),
]);
export type JournalEvent = z.infer<typeof JournalEventSchema>;
export type JournalEventOf<T extends JournalEvent["type"]> = Extract<JournalEvent, { type: T }>;
