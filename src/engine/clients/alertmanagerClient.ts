import * as z from "zod";
import { HttpClient, ServiceError, type Endpoint, type HttpClientOptions } from "./httpClient";
import { parsePromText, type TextSample } from "./promText";

const LabelsSchema = z.record(z.string(), z.string());

/** An alert of Alertmanager API v2 (`GET /api/v2/alerts`, "gettableAlert"). */
export const GettableAlertSchema = z.looseObject({
  labels: LabelsSchema,
  annotations: LabelsSchema.default({}),
  startsAt: z.string(),
  endsAt: z.string(),
  updatedAt: z.string().optional(),
  fingerprint: z.string(),
  generatorURL: z.string().optional(),
  receivers: z.array(z.looseObject({ name: z.string() })).default([]),
  status: z.looseObject({
    state: z.enum(["active", "suppressed", "unprocessed"]),
    silencedBy: z.array(z.string()).default([]),
    inhibitedBy: z.array(z.string()).default([]),
  }),
});
export type GettableAlert = z.infer<typeof GettableAlertSchema>;
export const GettableAlertsSchema = z.array(GettableAlertSchema);

export const AlertmanagerStatusSchema = z.looseObject({
  cluster: z.looseObject({ status: z.string(), name: z.string().optional() }),
  versionInfo: z.looseObject({ version: z.string() }).optional(),
  config: z.looseObject({ original: z.string() }),
  uptime: z.string(),
});
export type AlertmanagerStatus = z.infer<typeof AlertmanagerStatusSchema>;

/** An alert to post (`POST /api/v2/alerts`, "postableAlert"). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface AlertFilter {
  /** Label equality matchers, sent as `filter=name="value"` and re-checked here. */
  labels?: Record<string, string>;
  active?: boolean;
  silenced?: boolean;
  inhibited?: boolean;
  unprocessed?: boolean;
  receiver?: string;
}

/** Successful and failed notification counts, per integration, from Alertmanager's own /metrics. */
export interface NotificationCounts {
  total: number;
  failed: number;
  delivered: number;
}

/** Matcher syntax of Alertmanager filters: the value is double-quoted with `\` and `"` escaped. */
export function labelMatcher(name: string, value: string): string {
  return `${name}="${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * Delivered = total − failed, for one integration (or all) and optionally one receiver
 * (the `receiver_name` label exists from Alertmanager 0.27; older ones count per integration only).
 */
export function notificationCounts(samples: readonly TextSample[], integration: string | "any", receiver?: string): NotificationCounts {
  const pick = (name: string) =>
    samples
      .filter((s) => s.name === name)
      .filter((s) => integration === "any" || s.labels.integration === integration)
      .filter((s) => receiver === undefined || s.labels.receiver_name === receiver)
      .reduce((sum, s) => sum + s.value, 0);
  const total = pick("alertmanager_notifications_total");
  const failed = pick("alertmanager_notifications_failed_total");
  return { total, failed, delivered: total - failed };
}

/** Alertmanager API v2 and its /metrics. */
export class AlertmanagerClient {
  readonly http: HttpClient;

  constructor(endpoint: Endpoint, options: HttpClientOptions = {}) {
    this.http = new HttpClient(endpoint, options);
  }

  async alerts(filter: AlertFilter = {}, signal?: AbortSignal): Promise<GettableAlert[]> {
    const wanted = filter.labels ?? {};
    const params = {
      filter: Object.entries(wanted).map(([k, v]) => labelMatcher(k, v)),
      active: filter.active,
      silenced: filter.silenced,
      inhibited: filter.inhibited,
      unprocessed: filter.unprocessed,
      receiver: filter.receiver,
    };
    const alerts = await this.http.getJson("/api/v2/alerts", GettableAlertsSchema, { params, signal });
    return alerts.filter((a) => Object.entries(wanted).every(([k, v]) => a.labels[k] === v));
  }

  async postAlerts(alerts: readonly PostableAlert[], signal?: AbortSignal): Promise<void> {
    const res = await this.http.request("POST", "/api/v2/alerts", {
      body: JSON.stringify(alerts),
      headers: { "Content-Type": "application/json" },
      signal,
    });
    this.http.expectOk(res, "/api/v2/alerts");
  }

  async status(signal?: AbortSignal): Promise<AlertmanagerStatus> {
    return this.http.getJson("/api/v2/status", AlertmanagerStatusSchema, { signal });
  }

  async metrics(signal?: AbortSignal): Promise<TextSample[]> {
    const text = await this.http.getText("/metrics", { signal });
    try {
      return parsePromText(text);
    } catch (err) {
      throw new ServiceError(this.http.endpoint, `answered /metrics with unreadable text: ${(err as Error).message}`);
    }
  }

  async notifications(integration: string | "any", receiver?: string, signal?: AbortSignal): Promise<NotificationCounts> {
    const samples = await this.metrics(signal);
    // Without the label a receiver filter would count zero forever: say so instead of waiting out the deadline.
    if (receiver !== undefined && !samples.some((s) => s.name === "alertmanager_notifications_total" && s.labels.receiver_name !== undefined)) {
      throw new ServiceError(this.http.endpoint, "does not count notifications per receiver (receiver_name needs Alertmanager 0.27 or later): drop receiver and use integration");
    }
    return notificationCounts(samples, integration, receiver);
  }
}
