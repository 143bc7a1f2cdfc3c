import * as z from "zod";
import { DurationSchema } from "./duration";
import { FaultSchema } from "./faultSchemas";
import { ProbeSchema } from "./probeSchemas";

export const VariableValueSchema = z.union([z.string(), z.number(), z.boolean()]);
/** Variables an experiment declares with defaults; an inventory may override them. */
export const VariablesSchema = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), VariableValueSchema)
  .describe("Defaults for ${name} placeholders; the inventory's variables override them.");

export const SteadyStateProbeSchema = z.strictObject({
  name: z.string().min(1),
  probe: ProbeSchema,
  tolerance: DurationSchema.default("0s").describe("Keep retrying for this long before declaring the steady state broken."),
});

export const ExpectationSchema = z.strictObject({
  name: z.string().min(1),
  measures: z
    .enum(["detect", "notify", "recover"])
    .optional()
    .describe("detect: injection → met is the time to detect; notify: detect → met is the time to notify; recover: revert → met is the time to recover."),
  mode: z
    .enum(["eventually", "throughout"])
    .default("eventually")
    .describe("eventually: must become true within `within` of injection; throughout: must hold at every poll of the observation."),
  within: DurationSchema.describe("Deadline counted from injection (eventually) or the observation window (throughout)."),
  probe: ProbeSchema,
});

export const GuardSchema = z.strictObject({
  name: z.string().min(1),
  probe: ProbeSchema.describe("Must stay true while faults are active; when it fails the run aborts and reverts at once."),
  failures: z.number().int().min(1).default(2).describe("Consecutive failed polls before the guard trips."),
});

export const ExperimentSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/).describe("Experiment id, e.g. CT-01."),
  title: z.string().min(1),
  component: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .describe("Component of the stack under test (dashboard, camera-streams, edge-agents, prometheus-loki, alert-pipeline, …)."),
  description: z.string().optional(),
  hypothesis: z.string().optional().describe("What the plan expects, in words."),
  runbook: z.string().optional().describe("Runbook file this experiment keeps current (default runbooks/<component>.md)."),
  tags: z.array(z.string()).default([]),
  variables: VariablesSchema.default({}),
  steadyState: z.array(SteadyStateProbeSchema).default([]),
  faults: z.array(FaultSchema).min(1),
  expectations: z.array(ExpectationSchema).default([]),
  guards: z.array(GuardSchema).default([]),
  observe: z
    .strictObject({
      interval: DurationSchema.default("1s").describe("Polling interval for expectations and guards."),
      window: DurationSchema.optional().describe("How long to observe after injection (default: the longest `within`)."),
    })
    .default({ interval: "1s" }),
  recovery: z
    .strictObject({
      budget: DurationSchema.default("2m").describe("After revert, the steady state must be back within this."),
      manualSteps: z.array(z.string()).default([]).describe("What an operator does if recovery does not happen by itself."),
    })
    .default({ budget: "2m", manualSteps: [] }),
});
export type Experiment = z.infer<typeof ExperimentSchema>;
export type Expectation = z.infer<typeof ExpectationSchema>;
export type Guard = z.infer<typeof GuardSchema>;
export type SteadyStateProbe = z.infer<typeof SteadyStateProbeSchema>;
