import * as z from "zod";

/** Schemas of the Prometheus HTTP API v1 answers we read (fields we do not use are allowed through). */

const LabelsSchema = z.record(z.string(), z.string());
/** [unix seconds, value as text]. */
export const SamplePairSchema = z.tuple([z.number(), z.string()]);

export const VectorSampleSchema = z.looseObject({ metric: LabelsSchema, value: SamplePairSchema });
export const MatrixSeriesSchema = z.looseObject({ metric: LabelsSchema, values: z.array(SamplePairSchema) });

export const QueryDataSchema = z.discriminatedUnion("resultType", [
  z.looseObject({ resultType: z.literal("vector"), result: z.array(VectorSampleSchema) }),
  z.looseObject({ resultType: z.literal("matrix"), result: z.array(MatrixSeriesSchema) }),
  z.looseObject({ resultType: z.literal("scalar"), result: SamplePairSchema }),
  z.looseObject({ resultType: z.literal("string"), result: SamplePairSchema }),
]);
export type QueryData = z.infer<typeof QueryDataSchema>;

/** Every v1 answer: `{status:"success", data}` or `{status:"error", errorType, error}`. */
export function envelope<S extends z.ZodType>(data: S) {
  return z.discriminatedUnion("status", [
    z.looseObject({ status: z.literal("success"), data, warnings: z.array(z.string()).optional() }),
    z.looseObject({ status: z.literal("error"), errorType: z.string().optional(), error: z.string() }),
  ]);
}

export const QueryResponseSchema = envelope(QueryDataSchema);

const ActiveAlertSchema = z.looseObject({
  labels: LabelsSchema,
  annotations: LabelsSchema.default({}),
  state: z.enum(["pending", "firing", "inactive"]),
  activeAt: z.string().optional(),
  value: z.string().optional(),
});
export type PrometheusAlert = z.infer<typeof ActiveAlertSchema>;

export const AlertsResponseSchema = envelope(z.looseObject({ alerts: z.array(ActiveAlertSchema) }));

const RuleSchema = z.looseObject({
  type: z.enum(["alerting", "recording"]),
  name: z.string(),
  query: z.string(),
  /** Alerting rules: the `for:` in seconds. */
  duration: z.number().optional(),
  labels: LabelsSchema.default({}),
  annotations: LabelsSchema.optional(),
  state: z.enum(["pending", "firing", "inactive"]).optional(),
  alerts: z.array(ActiveAlertSchema).optional(),
  health: z.string().optional(),
  lastError: z.string().optional(),
});
export type PrometheusRule = z.infer<typeof RuleSchema>;

export const RuleGroupSchema = z.looseObject({
  name: z.string(),
  file: z.string(),
  interval: z.number().optional(),
  rules: z.array(RuleSchema),
});
export type RuleGroup = z.infer<typeof RuleGroupSchema>;

export const RulesResponseSchema = envelope(z.looseObject({ groups: z.array(RuleGroupSchema) }));

const TargetSchema = z.looseObject({
  labels: LabelsSchema,
  discoveredLabels: LabelsSchema.optional(),
  scrapePool: z.string(),
  scrapeUrl: z.string(),
  health: z.enum(["up", "down", "unknown"]),
  lastError: z.string().default(""),
  lastScrape: z.string().optional(),
  lastScrapeDuration: z.number().optional(),
  scrapeInterval: z.string().optional(),
  scrapeTimeout: z.string().optional(),
});
export type ScrapeTarget = z.infer<typeof TargetSchema>;

export const TargetsResponseSchema = envelope(
  z.looseObject({ activeTargets: z.array(TargetSchema), droppedTargets: z.array(z.unknown()).default([]) }),
);

export const BuildInfoSchema = z.looseObject({ version: z.string(), revision: z.string().optional(), goVersion: z.string().optional() });
export type BuildInfo = z.infer<typeof BuildInfoSchema>;
export const BuildInfoResponseSchema = envelope(BuildInfoSchema);
export const FlagsResponseSchema = envelope(z.record(z.string(), z.string()));
export const ConfigResponseSchema = envelope(z.looseObject({ yaml: z.string() }));
