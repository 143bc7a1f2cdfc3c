import type { LogLine, LokiClient } from "../../engine/clients/lokiClient";
import { ServiceError } from "../../engine/clients/httpClient";
import type { HostMessage, LogEntry } from "../../shared/webviewProtocol";
import { logLevelOf } from "./logLevel";

const FIRST_LINES = 200;
const MAX_PER_POLL = 500;

export function toLogEntry(l: LogLine): LogEntry {
  const stream = Object.entries(l.labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(", ");
  return { tsNs: l.ns, level: logLevelOf(l.line, l.labels), line: l.line.slice(0, 4000), stream: `{${stream}}`.slice(0, 500) };
}

const byNs = (a: LogLine, b: LogLine) => {
  const d = BigInt(a.ns) - BigInt(b.ns);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};

/**
 * The live tail: the newest lines of the window first, then every poll asks Loki only
 * for lines newer than the last one seen (forward), so nothing is shown twice.
 */
export class LokiFeed {
  private lastNs: bigint | null = null;

  constructor(
    private readonly client: LokiClient,
    private readonly query: string,
    private readonly windowMs: number,
    private readonly post: (msg: HostMessage) => void,
  ) {}

  reset(): void {
    this.lastNs = null;
  }

  async poll(now: number, signal: AbortSignal): Promise<void> {
    if (this.lastNs === null) {
      const lines = (await this.client.tail(this.query, this.windowMs, FIRST_LINES, signal)).sort(byNs);
      this.lastNs = lines.length === 0 ? BigInt(now - this.windowMs) * 1_000_000n : BigInt(lines[lines.length - 1]!.ns);
      this.post({ type: "logs", mode: "replace", entries: lines.map(toLogEntry) });
      return;
    }
    const after = this.lastNs;
    // The client speaks milliseconds; lines of the same millisecond already seen are dropped by their ns.
    const result = await this.client.queryRange(this.query, { startMs: Number(after / 1_000_000n), endMs: now + 1, limit: MAX_PER_POLL, direction: "forward", signal });
    if (result.kind !== "logs") throw new ServiceError(this.client.http.endpoint, `answered the log query with a metric result: ${this.query}`);
    const fresh = result.lines.filter((l) => BigInt(l.ns) > after).sort(byNs);
    if (fresh.length === 0) return;
    this.lastNs = BigInt(fresh[fresh.length - 1]!.ns);
    this.post({ type: "logs", mode: "append", entries: fresh.map(toLogEntry) });
  }
}
