import * as z from "zod";
import { PhaseSchema } from "../engine/journal/journalEvents";

/**
 * The typed messages between the extension host and the dashboard page. Both sides parse
 * what arrives with these schemas, so a message that does not fit is dropped, not trusted.
 * Nothing here ever carries a credential: the host resolves secrets, the page only draws.
 * This module is shared by the host bundle and the browser bundle, so it imports only zod
 * and the journal's own schemas (plain zod too).
 */

/** Epoch milliseconds. */
const At = z.number().finite();

export const SourceNameSchema = z.enum(["prometheus", "loki", "alertmanager", "dashboard", "rtsp", "snapshot"]);
export type SourceName = z.infer<typeof SourceNameSchema>;

/** How a data source is doing; `down` carries the reason and when the host will try again. */
export const SourceStatusSchema = z.strictObject({
  source: SourceNameSchema,
  state: z.enum(["up", "down", "unconfigured"]),
  detail: z.string().max(500).optional(),
  retryAt: At.optional(),
  checkedAt: At,
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

export const CameraStateSchema = z.enum(["online", "offline", "degraded", "unknown"]);
export type CameraState = z.infer<typeof CameraStateSchema>;

export const CameraTileSchema = z.strictObject({
  name: z.string(),
  dashboardId: z.string(),
  state: CameraStateSchema,
  /** When the current state began (as first seen by this panel). */
  since: At.nullable(),
  /** The previous state and when it ended, for "last change". */
  lastChange: z.strictObject({ from: CameraStateSchema, to: CameraStateSchema, at: At }).nullable(),
  dashboard: z.strictObject({ connected: z.boolean().nullable(), detail: z.string().max(300).optional() }),
  rtsp: z.strictObject({ ok: z.boolean().nullable(), rttMs: z.number().nullable(), detail: z.string().max(300).optional() }),
  checkedAt: At,
});
export type CameraTile = z.infer<typeof CameraTileSchema>;

/** A still frame: a JPEG or PNG as a data: URI (the page's CSP allows `img-src data:`), at most ~2 MB. */
export const StillSchema = z.strictObject({
  camera: z.string(),
  dataUri: z
    .string()
    .max(2_800_000)
    .regex(/^data:image\/(?:jpeg|png);base64,[A-Za-z0-9+/=]+$/),
  at: At,
  via: z.enum(["dashboard", "ffmpeg"]),
});
export type Still = z.infer<typeof StillSchema>;

export const QueryInfoSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  expr: z.string(),
  origin: z.enum(["experiment", "default"]),
});
export type QueryInfo = z.infer<typeof QueryInfoSchema>;

/**
 * A batch of samples for one query, columnar so the page can hand it to uPlot as is:
 * `times` in epoch seconds, ascending; `series[i].values[j]` belongs to `times[j]`.
 * `replace` starts the chart over (first fetch, reload); `append` adds newer samples.
 */
export const SeriesBatchSchema = z
  .strictObject({
    queryId: z.string(),
    mode: z.enum(["replace", "append"]),
    times: z.array(z.number().finite()),
    series: z.array(z.strictObject({ label: z.string(), values: z.array(z.number().nullable()) })),
  })
  .refine((b) => b.series.every((s) => s.values.length === b.times.length), { message: "every series needs one value per time" });
export type SeriesBatch = z.infer<typeof SeriesBatchSchema>;

export const LogLevelSchema = z.enum(["error", "warning", "info", "debug", "unknown"]);
export type LogLevel = z.infer<typeof LogLevelSchema>;

export const LogEntrySchema = z.strictObject({
  /** Epoch nanoseconds as text (Loki's precision), used to order and de-duplicate. */
  tsNs: z.string().regex(/^\d{1,20}$/),
  level: LogLevelSchema,
  line: z.string().max(4000),
  stream: z.string().max(500),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

export const AlertStateSchema = z.enum(["pending", "firing", "resolved"]);
export type AlertState = z.infer<typeof AlertStateSchema>;

export const AlertRowSchema = z.strictObject({
  /** alertname plus its identifying labels, stable across polls. */
  key: z.string(),
  alertname: z.string(),
  severity: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  state: AlertStateSchema,
  pendingAt: At.nullable(),
  firingAt: At.nullable(),
  resolvedAt: At.nullable(),
  receivers: z.array(z.string()),
});
export type AlertRow = z.infer<typeof AlertRowSchema>;

export const DeliverySchema = z.strictObject({
  integration: z.string(),
  /** Notifications sent (and failed) since the panel started counting. */
  sent: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  lastAt: At.nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

/** The run's phases, exactly as the journal names them. */
export const PhaseNameSchema = PhaseSchema;

export const FaultViewSchema = z.strictObject({
  faultId: z.string(),
  faultType: z.string(),
  target: z.string(),
  summary: z.string(),
  state: z.enum(["planned", "injected", "reverted", "revert-failed"]),
  reversible: z.boolean(),
  injectedAt: At.nullable(),
  revertedAt: At.nullable(),
  deadManAt: At.nullable(),
  detail: z.string().optional(),
});
export type FaultView = z.infer<typeof FaultViewSchema>;

export const RunViewSchema = z.strictObject({
  runId: z.string(),
  experimentId: z.string(),
  title: z.string(),
  dryRun: z.boolean(),
  startedAt: At,
  phases: z.array(z.strictObject({ phase: PhaseNameSchema, at: At })),
  faults: z.array(FaultViewSchema),
  expectations: z.array(
    z.strictObject({
      name: z.string(),
      measures: z.enum(["detect", "notify", "recover"]).nullable(),
      met: z.boolean(),
      metAt: At.nullable(),
      detail: z.string(),
    }),
  ),
  notes: z.array(z.strictObject({ at: At, level: z.enum(["info", "warning", "error"]), message: z.string() })),
  /** First injection, last verified revert, and the measured moments the charts mark. */
  window: z.strictObject({ injectedAt: At.nullable(), revertedAt: At.nullable(), detectAt: At.nullable(), recoverAt: At.nullable() }),
  verdict: z
    .strictObject({
      verdict: z.enum(["passed", "failed", "aborted", "refused", "error", "dry-run"]),
      detectMs: z.number().nullable(),
      notifyMs: z.number().nullable(),
      recoverMs: z.number().nullable(),
      findings: z.array(z.string()),
      durationMs: z.number(),
      at: At,
    })
    .nullable(),
});
export type RunView = z.infer<typeof RunViewSchema>;

/** What the host tells the page once, at start: layout and identities. */
export const DashboardConfigSchema = z.strictObject({
  refreshMs: z.number().int().positive(),
  cameras: z.array(z.strictObject({ name: z.string(), dashboardId: z.string() })),
  queries: z.array(QueryInfoSchema),
  logQuery: z.string(),
  /** Seconds of history the charts keep. */
  windowSeconds: z.number().int().positive(),
  experimentFile: z.string().nullable(),
  inventoryName: z.string().nullable(),
});
export type DashboardConfig = z.infer<typeof DashboardConfigSchema>;

export const HostMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("init"), config: DashboardConfigSchema }),
  z.strictObject({ type: z.literal("sources"), sources: z.array(SourceStatusSchema) }),
  z.strictObject({ type: z.literal("cameras"), tiles: z.array(CameraTileSchema) }),
  z.strictObject({ type: z.literal("still"), still: StillSchema }),
  z.strictObject({ type: z.literal("series"), batch: SeriesBatchSchema }),
  /** A query Prometheus rejects (bad PromQL) is reported on its own chart; null clears it. */
  z.strictObject({ type: z.literal("queryStatus"), queryId: z.string(), error: z.string().max(500).nullable() }),
  z.strictObject({ type: z.literal("logs"), mode: z.enum(["replace", "append"]), entries: z.array(LogEntrySchema) }),
  z.strictObject({ type: z.literal("alerts"), alerts: z.array(AlertRowSchema), deliveries: z.array(DeliverySchema) }),
  z.strictObject({ type: z.literal("run"), run: RunViewSchema.nullable() }),
  z.strictObject({ type: z.literal("actionResult"), action: z.enum(["revertFault", "openJournal", "openRunbook"]), ok: z.boolean(), detail: z.string() }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

export const PageMessageSchema = z.discriminatedUnion("type", [
  /** The page has loaded (or reloaded) and wants the config and the latest of everything. */
  z.strictObject({ type: z.literal("ready") }),
  z.strictObject({ type: z.literal("revertFault"), runId: z.string(), faultId: z.string() }),
  z.strictObject({ type: z.literal("openJournal"), runId: z.string() }),
  z.strictObject({ type: z.literal("openRunbook"), runId: z.string() }),
  /** A rendering failure on the page, for the host's log. */
  z.strictObject({ type: z.literal("pageError"), message: z.string().max(2000) }),
]);
export type PageMessage = z.infer<typeof PageMessageSchema>;

/**
 * What the page keeps with `vscode.setState` and what the serializer gets back after a
 * reload: the page's own view settings plus which experiment and run it was showing.
 */
export const PageStateSchema = z.strictObject({
  version: z.literal(1),
  experimentFile: z.string().nullable(),
  runId: z.string().nullable(),
  logFilter: z.string(),
  logPaused: z.boolean(),
  hiddenQueries: z.array(z.string()),
});
export type PageState = z.infer<typeof PageStateSchema>;

export const DEFAULT_PAGE_STATE: PageState = { version: 1, experimentFile: null, runId: null, logFilter: "", logPaused: false, hiddenQueries: [] };

/** The viewType both the panel and its serializer use. */
export const DASHBOARD_VIEW_TYPE = "surveillanceChaos.dashboard";
