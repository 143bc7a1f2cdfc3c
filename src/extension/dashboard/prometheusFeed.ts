import { ServiceError } from "../../engine/clients/httpClient";
import type { PrometheusClient, Series } from "../../engine/clients/prometheusClient";
import type { HostMessage, QueryInfo, SeriesBatch } from "../../shared/webviewProtocol";

/** Prometheus refuses range queries of more than 11,000 points per series. */
const MAX_POINTS_PER_QUERY = 10_000;

/** `name{a="1",b="2"}` without the name when there is none; "value" for an unlabelled result. */
export function seriesLabel(labels: Record<string, string>): string {
  const { __name__: name, ...rest } = labels;
  const pairs = Object.entries(rest)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`);
  if (pairs.length === 0) return name ?? "value";
  return `${name ?? ""}{${pairs.join(",")}}`;
}

/** Series from the client as the page's columnar batch: one time axis (seconds), null where a series has no sample; NaN/±Inf become gaps. */
export function toBatch(queryId: string, mode: SeriesBatch["mode"], series: readonly Series[]): SeriesBatch {
  const times = [...new Set(series.flatMap((s) => s.samples.map((p) => p.t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  return {
    queryId,
    mode,
    times: times.map((t) => t / 1000),
    series: series.map((s) => {
      const values = new Array<number | null>(times.length).fill(null);
      for (const p of s.samples) values[index.get(p.t)!] = Number.isFinite(p.v) ? p.v : null;
      return { label: seriesLabel(s.labels), values };
    }),
  };
}

/** A query Prometheus rejected (bad PromQL, too many points) as opposed to Prometheus being unreachable. */
function isRejection(err: unknown): err is ServiceError {
  return err instanceof ServiceError && err.status !== undefined && err.status >= 400 && err.status < 500;
}

/**
 * The charts' data: on the first poll (and after `reset`, e.g. the page reloaded) a range
 * query over the whole window replaces the chart; afterwards only the new steps since the
 * last poll are fetched and appended, so each tick costs one small query per chart.
 */
export class PrometheusFeed {
  private readonly lastEnd = new Map<string, number>();
  private readonly errors = new Map<string, string | null>();

  constructor(
    private readonly client: PrometheusClient,
    private readonly queries: readonly QueryInfo[],
    private readonly windowMs: number,
    private readonly stepMs: number,
    private readonly post: (msg: HostMessage) => void,
  ) {}

  reset(): void {
    this.lastEnd.clear();
    this.errors.clear();
  }

  /** Throws when Prometheus cannot be reached; a rejected query is reported on its chart instead. */
  async poll(now: number, signal: AbortSignal): Promise<void> {
    const end = Math.floor(now / this.stepMs) * this.stepMs;
    const results = await Promise.allSettled(this.queries.map((q) => this.pollQuery(q, end, signal)));
    const unreachable = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (unreachable) throw unreachable.reason;
  }

  private async pollQuery(query: QueryInfo, end: number, signal: AbortSignal): Promise<void> {
    const last = this.lastEnd.get(query.id);
    const start = last === undefined ? end - this.windowMs : last + this.stepMs;
    if (start > end) return;
    const stepMs = last === undefined ? Math.max(this.stepMs, Math.ceil(this.windowMs / MAX_POINTS_PER_QUERY / 1000) * 1000) : this.stepMs;
    try {
      const series = await this.client.queryRange(query.expr, { startMs: start, endMs: end, stepMs, signal });
      this.lastEnd.set(query.id, end);
      this.setError(query.id, null);
      this.post({ type: "series", batch: toBatch(query.id, last === undefined ? "replace" : "append", series) });
    } catch (err) {
      if (!isRejection(err)) throw err;
      this.setError(query.id, err.reason);
    }
  }

  private setError(queryId: string, error: string | null): void {
    if ((this.errors.get(queryId) ?? null) === error) return;
    this.errors.set(queryId, error);
    this.post({ type: "queryStatus", queryId, error: error === null ? null : error.slice(0, 500) });
  }
}
