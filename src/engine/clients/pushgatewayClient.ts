import { HttpClient, type Endpoint, type HttpClientOptions } from "./httpClient";

/** A metric to push; rendered in the text exposition format. */
export interface PushMetric {
  name: string;
  help?: string;
  type?: "gauge" | "counter" | "untyped";
  samples: { labels?: Record<string, string>; value: number }[];
}

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const formatValue = (v: number) => (Number.isNaN(v) ? "NaN" : v === Infinity ? "+Inf" : v === -Infinity ? "-Inf" : String(v));

export function renderPromText(metrics: readonly PushMetric[]): string {
  const lines: string[] = [];
  for (const m of metrics) {
    if (m.help !== undefined) lines.push(`# HELP ${m.name} ${m.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`);
    if (m.type !== undefined) lines.push(`# TYPE ${m.name} ${m.type}`);
    for (const s of m.samples) {
      const pairs = Object.entries(s.labels ?? {}).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
      lines.push(`${m.name}${pairs.length === 0 ? "" : `{${pairs.join(",")}}`} ${formatValue(s.value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The grouping key as a URL path: `/metrics/job/<job>/<label>/<value>…`. Values that hold a
 * `/` or are empty use the Pushgateway's base64url form (`<label>@base64/<encoded>`).
 */
export function groupPath(job: string, grouping: Record<string, string> = {}): string {
  const part = (name: string, value: string) =>
    value === "" || value.includes("/")
      ? `${name}@base64/${value === "" ? "=" : Buffer.from(value).toString("base64url")}`
      : `${name}/${encodeURIComponent(value)}`;
  return ["/metrics", part("job", job), ...Object.entries(grouping).map(([k, v]) => part(k, v))].join("/");
}

/** Pushgateway: replace (PUT), add to (POST) or delete a group; used for experiment markers. */
export class PushgatewayClient {
  readonly http: HttpClient;

  constructor(endpoint: Endpoint, options: HttpClientOptions = {}) {
    this.http = new HttpClient(endpoint, options);
  }

  private async send(method: "PUT" | "POST" | "DELETE", path: string, body: string | undefined, signal?: AbortSignal): Promise<void> {
    const res = await this.http.request(method, path, {
      body,
      headers: body === undefined ? {} : { "Content-Type": "text/plain; version=0.0.4" },
      signal,
    });
    this.http.expectOk(res, path);
  }

  /** Replaces every metric of the group. */
  async put(job: string, grouping: Record<string, string>, metrics: readonly PushMetric[], signal?: AbortSignal): Promise<void> {
    await this.send("PUT", groupPath(job, grouping), renderPromText(metrics), signal);
  }

  /** Replaces only the metrics of the same names in the group. */
  async post(job: string, grouping: Record<string, string>, metrics: readonly PushMetric[], signal?: AbortSignal): Promise<void> {
    await this.send("POST", groupPath(job, grouping), renderPromText(metrics), signal);
  }

  async delete(job: string, grouping: Record<string, string> = {}, signal?: AbortSignal): Promise<void> {
    await this.send("DELETE", groupPath(job, grouping), undefined, signal);
  }
}
