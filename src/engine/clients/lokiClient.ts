import * as z from "zod";
import { HttpClient, ServiceError, type Endpoint, type HttpClientOptions } from "./httpClient";
import { parsePromNumber } from "./promText";
import { SamplePairSchema, envelope } from "./prometheusSchemas";

const LabelsSchema = z.record(z.string(), z.string());

/**
 * Loki's query answers: `streams` for log queries (values are [nanoseconds as text, line],
 * plus structured metadata as a third element in Loki 3), and the Prometheus shapes
 * (`vector`, `matrix`, `scalar`) for metric queries.
 */
export const LokiQueryDataSchema = z.discriminatedUnion("resultType", [
  z.looseObject({
    resultType: z.literal("streams"),
    result: z.array(z.looseObject({ stream: LabelsSchema, values: z.array(z.tuple([z.string(), z.string()], z.unknown())) })),
  }),
  z.looseObject({ resultType: z.literal("vector"), result: z.array(z.looseObject({ metric: LabelsSchema, value: SamplePairSchema })) }),
  z.looseObject({ resultType: z.literal("matrix"), result: z.array(z.looseObject({ metric: LabelsSchema, values: z.array(SamplePairSchema) })) }),
  z.looseObject({ resultType: z.literal("scalar"), result: SamplePairSchema }),
]);
export type LokiQueryData = z.infer<typeof LokiQueryDataSchema>;
export const LokiQueryResponseSchema = envelope(LokiQueryDataSchema);

export interface LogLine {
  /** Epoch ms (Loki keeps ns; ms is what people and charts need). */
  t: number;
  /** The exact nanosecond timestamp, as Loki gave it. */
  ns: string;
  line: string;
  labels: Record<string, string>;
}

export interface LokiSeries {
  labels: Record<string, string>;
  samples: { t: number; v: number }[];
}

/** What a query answered: log lines (newest first for `backward`) or metric series. */
export type LokiResult = { kind: "logs"; lines: LogLine[] } | { kind: "metric"; series: LokiSeries[] };

const toSample = ([t, v]: [number, string]) => ({ t: Math.round(t * 1000), v: parsePromNumber(v) });

export function toLokiResult(data: LokiQueryData): LokiResult {
  switch (data.resultType) {
    case "streams":
      return {
        kind: "logs",
        lines: data.result.flatMap((s) => s.values.map(([ns, line]) => ({ t: Number(BigInt(ns) / 1_000_000n), ns, line, labels: s.stream }))),
      };
    case "vector":
      return { kind: "metric", series: data.result.map((r) => ({ labels: r.metric, samples: [toSample(r.value)] })) };
    case "matrix":
      return { kind: "metric", series: data.result.map((r) => ({ labels: r.metric, samples: r.values.map(toSample) })) };
    case "scalar":
      return { kind: "metric", series: [{ labels: {}, samples: [toSample(data.result)] }] };
  }
}

const msToNs = (ms: number) => (BigInt(Math.round(ms)) * 1_000_000n).toString();

export interface PushStream {
  labels: Record<string, string>;
  lines: { t: number; line: string }[];
}

/** Loki HTTP API: readiness, instant and range queries, push. */
export class LokiClient {
  readonly http: HttpClient;

  constructor(endpoint: Endpoint, options: HttpClientOptions = {}) {
    this.http = new HttpClient(endpoint, options);
  }

  /** Loki answers `ready` with 200 once its ring has joined; anything else names why not. */
  async ready(signal?: AbortSignal): Promise<{ ready: boolean; detail: string }> {
    const res = await this.http.request("GET", "/ready", { signal });
    const text = res.data.trim();
    return { ready: res.status === 200, detail: text === "" ? `HTTP ${res.status}` : text.slice(0, 200) };
  }

  private async run(path: string, params: Record<string, string | number>, signal?: AbortSignal): Promise<LokiResult> {
    const res = await this.http.request("GET", path, { params, signal });
    if (res.status >= 400) {
      // Loki answers bad LogQL with a plain-text reason; keep it, it is the useful part.
      throw new ServiceError(this.http.endpoint, `rejected ${path} (HTTP ${res.status}): ${res.data.trim().slice(0, 200)}`, res.status);
    }
    const body = this.http.parse(res, path, LokiQueryResponseSchema);
    if (body.status === "error") throw new ServiceError(this.http.endpoint, `rejected ${path}: ${body.error}`);
    return toLokiResult(body.data);
  }

  async query(query: string, options: { timeMs?: number; limit?: number; signal?: AbortSignal } = {}): Promise<LokiResult> {
    const params: Record<string, string | number> = { query, limit: options.limit ?? 1000 };
    if (options.timeMs !== undefined) params.time = msToNs(options.timeMs);
    return this.run("/loki/api/v1/query", params, options.signal);
  }

  async queryRange(
    query: string,
    options: { startMs: number; endMs: number; stepMs?: number; limit?: number; direction?: "forward" | "backward"; signal?: AbortSignal },
  ): Promise<LokiResult> {
    const params: Record<string, string | number> = {
      query,
      start: msToNs(options.startMs),
      end: msToNs(options.endMs),
      limit: options.limit ?? 1000,
      direction: options.direction ?? "backward",
    };
    if (options.stepMs !== undefined) params.step = `${Math.max(options.stepMs, 1) / 1000}s`;
    return this.run("/loki/api/v1/query_range", params, options.signal);
  }

  /** The newest `limit` lines of a log query over the last `sinceMs`, for a live tail. */
  async tail(query: string, sinceMs: number, limit = 200, signal?: AbortSignal): Promise<LogLine[]> {
    const now = Date.now();
    const result = await this.queryRange(query, { startMs: now - sinceMs, endMs: now, limit, direction: "backward", signal });
    if (result.kind !== "logs") throw new ServiceError(this.http.endpoint, `answered a log query with a metric result: ${query}`);
    return result.lines.sort((a, b) => {
      const d = BigInt(b.ns) - BigInt(a.ns);
      return d > 0n ? 1 : d < 0n ? -1 : 0;
    });
  }

  async push(streams: readonly PushStream[], signal?: AbortSignal): Promise<void> {
    const body = { streams: streams.map((s) => ({ stream: s.labels, values: s.lines.map((l) => [msToNs(l.t), l.line]) })) };
    const res = await this.http.request("POST", "/loki/api/v1/push", {
      body: JSON.stringify(body),
      headers: { "Content-Type": "application/json" },
      signal,
    });
    this.http.expectOk(res, "/loki/api/v1/push");
  }
}
