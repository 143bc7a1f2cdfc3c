import * as z from "zod";
import { DurationSchema } from "./duration";

/** Numeric comparison applied to a probe's observed value. */
export const CompareSchema = z
  .strictObject({
    op: z.enum(["==", "!=", ">", ">=", "<", "<="]),
    value: z.number(),
  })
  .describe("Compare the observed number with value.");
export type Compare = z.infer<typeof CompareSchema>;

/** A JSON field check: a dotted path (`cameras.online`, `cameras[0].status.connected`) and one test. */
export const JsonCheckSchema = z
  .strictObject({
    path: z.string().min(1),
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    compare: CompareSchema.optional(),
    matches: z.string().optional().describe("A regular expression the value (as text) must match."),
    exists: z.boolean().optional(),
  })
  .refine((c) => [c.equals, c.compare, c.matches, c.exists].filter((v) => v !== undefined).length === 1, {
    message: "give exactly one of equals, compare, matches, exists",
  });
export type JsonCheck = z.infer<typeof JsonCheckSchema>;

const serviceRef = (dflt: string) =>
  z.string().default(dflt).describe(`Name of a service in the inventory's services map (default ${dflt}).`);

export const PrometheusProbeSchema = z.strictObject({
  type: z.literal("prometheus"),
  service: serviceRef("prometheus"),
  query: z.string().min(1).describe("PromQL expression."),
  range: DurationSchema.optional().describe("Evaluate as a range query over this window ending now."),
  step: DurationSchema.optional(),
  compare: CompareSchema.optional().describe("Every (or any) sample must satisfy this."),
  match: z.enum(["all", "any"]).default("all").describe("Whether all series/samples or any one must satisfy compare."),
  empty: z.enum(["fail", "pass"]).default("fail").describe("Verdict when the query returns no series."),
  maxGap: DurationSchema.optional().describe("Range queries: fail if two consecutive samples are further apart than this."),
});

export const AlertProbeSchema = z.strictObject({
  type: z.literal("alert"),
  source: z.enum(["alertmanager", "prometheus"]).default("alertmanager").describe("Alertmanager API v2 (firing, as routed) or Prometheus /api/v1/alerts (pending and firing)."),
  service: z.string().optional().describe("Inventory service name (default: the source's name)."),
  alertname: z.string().min(1),
  labels: z.record(z.string(), z.string()).default({}).describe("Labels the alert must carry."),
  state: z.enum(["firing", "pending", "inactive"]).default("firing"),
});

export const NotificationProbeSchema = z.strictObject({
  type: z.literal("notification"),
  service: serviceRef("alertmanager"),
  integration: z.enum(["webhook", "email", "slack", "pagerduty", "any"]).default("any"),
  receiver: z.string().optional().describe("Receiver name, when Alertmanager exposes per-receiver counters."),
  minDelivered: z.number().int().positive().default(1).describe("Successful notifications since injection."),
  alertname: z
    .string()
    .optional()
    .describe("Count deliveries only once this alert is active in Alertmanager (its counters carry no alert label, so an unrelated alert could otherwise be counted)."),
});

export const HttpProbeSchema = z.strictObject({
  type: z.literal("http"),
  url: z.string().min(1),
  method: z.enum(["GET", "POST", "HEAD"]).default("GET"),
  status: z.number().int().default(200),
  json: z.array(JsonCheckSchema).default([]).describe("Checks on the JSON body; every one must hold."),
  timeout: DurationSchema.default("5s"),
});

export const LokiProbeSchema = z.strictObject({
  type: z.literal("loki"),
  service: serviceRef("loki"),
  query: z.string().min(1).describe("LogQL: a log query (counts lines) or a metric query (uses the value)."),
  range: DurationSchema.default("5m"),
  compare: CompareSchema.default({ op: ">", value: 0 }),
});

export const CameraProbeSchema = z.strictObject({
  type: z.literal("camera"),
  camera: z.string().min(1).describe("Camera name in the inventory."),
  expect: z.enum(["online", "offline"]).default("online"),
  via: z.enum(["dashboard", "rtsp", "both"]).default("dashboard").describe("Ask the dashboard's /api/cameras, do our own RTSP round trip, or both."),
  timeout: DurationSchema.default("3s"),
});

export const ProcessProbeSchema = z.strictObject({
  type: z.literal("process"),
  target: z.string().min(1),
  pattern: z.string().min(1).describe("Full command line pattern (pgrep -f semantics, matched literally)."),
  expect: z.enum(["running", "stopped"]).default("running"),
  newerThanInjection: z.boolean().default(false).describe("Only count processes started after the fault was injected (a restart)."),
});

export const ContainerProbeSchema = z.strictObject({
  type: z.literal("container"),
  target: z.string().min(1),
  container: z.string().min(1),
  expect: z.enum(["running", "paused", "exited", "absent"]).default("running"),
});

export const ProbeSchema = z.discriminatedUnion("type", [
  PrometheusProbeSchema,
  AlertProbeSchema,
  NotificationProbeSchema,
  HttpProbeSchema,
  LokiProbeSchema,
  CameraProbeSchema,
  ProcessProbeSchema,
  ContainerProbeSchema,
]);
export type Probe = z.infer<typeof ProbeSchema>;
export type ProbeType = Probe["type"];
export type ProbeOf<T extends ProbeType> = Extract<Probe, { type: T }>;
