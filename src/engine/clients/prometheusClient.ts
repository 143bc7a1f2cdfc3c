import type * as z from "zod";
import { HttpClient, ServiceError, type Endpoint, type HttpClientOptions } from "./httpClient";
import { parsePromNumber } from "./promText";
import {
  AlertsResponseSchema,
  BuildInfoResponseSchema,
  ConfigResponseSchema,
  FlagsResponseSchema,
  QueryResponseSchema,
  RulesResponseSchema,
  TargetsResponseSchema,
  type BuildInfo,
  type PrometheusAlert,
  type PrometheusRule,
  type QueryData,
  type RuleGroup,
  type ScrapeTarget,
  type envelope,
} from "./prometheusSchemas";

/** A series with its samples; times in epoch ms, values as numbers (NaN and ±Inf kept). */
export interface Series {
  labels: Record<string, string>;
  samples: { t: number; v: number }[];
}

export interface CameraHealth {
  /** The `name` label (the camera's name in the dashboard). */
  name: string;
  deviceId: string;
  online: boolean;
}

const toSample = ([t, v]: [number, string]) => ({ t: Math.round(t * 1000), v: parsePromNumber(v) });

/** Every result type as series: a scalar is one unlabelled series; a string has no numbers and no series. */
export function toSeries(data: QueryData): Series[] {
  switch (data.resultType) {
    case "vector":
      return data.result.map((r) => ({ labels: r.metric, samples: [toSample(r.value)] }));
    case "matrix":
      return data.result.map((r) => ({ labels: r.metric, samples: r.values.map(toSample) }));
    case "scalar":
      return [{ labels: {}, samples: [toSample(data.result)] }];
    case "string":
      return [];
  }
}

type Envelope = ReturnType<typeof envelope>;

/** Prometheus HTTP API v1: queries, rules, alerts, targets and status. */
export class PrometheusClient {
  readonly http: HttpClient;

  constructor(endpoint: Endpoint, options: HttpClientOptions = {}) {
    this.http = new HttpClient(endpoint, options);
  }

  /** Answers of the v1 API carry their own error (`status: "error"`), also on HTTP 400/422/503: report that text. */
  private async v1<S extends Envelope>(path: string, schema: S, params: Record<string, string> = {}, signal?: AbortSignal) {
    const res = await this.http.request("GET", path, { params, signal });
    if (res.status >= 400) {
      const parsed = schema.safeParse(safeJson(res.data));
      if (parsed.success && parsed.data.status === "error") {
        throw new ServiceError(this.http.endpoint, `rejected ${path}: ${String(parsed.data.error)}`, res.status);
      }
    }
    const body = this.http.parse(res, path, schema) as z.infer<S>;
    if (body.status === "error") throw new ServiceError(this.http.endpoint, `rejected ${path}: ${String(body.error)}`, res.status);
    return body.data as Extract<z.infer<S>, { status: "success" }>["data"];
  }

  async query(expr: string, options: { timeMs?: number; signal?: AbortSignal } = {}): Promise<Series[]> {
    const params: Record<string, string> = { query: expr };
    if (options.timeMs !== undefined) params.time = (options.timeMs / 1000).toFixed(3);
    return toSeries(await this.v1("/api/v1/query", QueryResponseSchema, params, options.signal));
  }

  async queryRange(expr: string, options: { startMs: number; endMs: number; stepMs: number; signal?: AbortSignal }): Promise<Series[]> {
    const params = {
      query: expr,
      start: (options.startMs / 1000).toFixed(3),
      end: (options.endMs / 1000).toFixed(3),
      step: `${Math.max(options.stepMs, 1) / 1000}s`,
    };
    return toSeries(await this.v1("/api/v1/query_range", QueryResponseSchema, params, options.signal));
  }

  async ruleGroups(signal?: AbortSignal): Promise<RuleGroup[]> {
    return (await this.v1("/api/v1/rules", RulesResponseSchema, {}, signal)).groups;
  }

  /** The alerting rule called `alertname`, if Prometheus has it loaded (preflight uses its `for:`). */
  async alertRule(alertname: string, signal?: AbortSignal): Promise<PrometheusRule | undefined> {
    for (const group of await this.ruleGroups(signal)) {
      const rule = group.rules.find((r) => r.type === "alerting" && r.name === alertname);
      if (rule !== undefined) return rule;
    }
    return undefined;
  }

  /** Pending and firing alerts. */
  async alerts(signal?: AbortSignal): Promise<PrometheusAlert[]> {
    return (await this.v1("/api/v1/alerts", AlertsResponseSchema, {}, signal)).alerts;
  }

  async targets(signal?: AbortSignal): Promise<ScrapeTarget[]> {
    return (await this.v1("/api/v1/targets", TargetsResponseSchema, { state: "active" }, signal)).activeTargets;
  }

  async buildInfo(signal?: AbortSignal): Promise<BuildInfo> {
    return this.v1("/api/v1/status/buildinfo", BuildInfoResponseSchema, {}, signal);
  }

  async flags(signal?: AbortSignal): Promise<Record<string, string>> {
    return this.v1("/api/v1/status/flags", FlagsResponseSchema, {}, signal);
  }

  /** The loaded configuration, as YAML text. */
  async configYaml(signal?: AbortSignal): Promise<string> {
    return (await this.v1("/api/v1/status/config", ConfigResponseSchema, {}, signal)).yaml;
  }

  /** `up` per job and instance, for the dashboard's stack view. */
  async upByJob(signal?: AbortSignal): Promise<{ job: string; instance: string; up: boolean }[]> {
    const series = await this.query("up", { signal });
    return series.map((s) => ({ job: s.labels.job ?? "", instance: s.labels.instance ?? "", up: s.samples[0]?.v === 1 }));
  }

  /** Camera state as Prometheus last scraped it (`device_health_status{device_type="camera"}`). */
  async cameraHealth(signal?: AbortSignal): Promise<CameraHealth[]> {
    const series = await this.query('device_health_status{device_type="camera"}', { signal });
    return series.map((s) => ({
      name: s.labels.name ?? s.labels.device_id?.replace(/^camera_/, "") ?? "",
      deviceId: s.labels.device_id ?? "",
      online: s.samples[0]?.v === 1,
    }));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
