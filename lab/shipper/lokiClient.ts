import { gzipSync } from "node:zlib";

export interface ClientOptions {
  url: string;
  batchWaitMs: number;
  batchBytes: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  maxRetries: number;
  timeoutMs: number;
}

interface Pending {
  labels: Readonly<Record<string, string>>;
  ns: bigint;
  line: string;
}

export interface ClientStats {
  sentEntries: number;
  sentBytes: number;
  droppedEntries: number;
  droppedBytes: number;
  retries: number;
  /** "status_code" → { count, sum seconds }, like promtail_request_duration_seconds. */
  requests: Map<string, { count: number; sum: number }>;
}

/**
 * Promtail's client loop: batch entries for `batchWaitMs` (or until `batchBytes`), push one
 * batch at a time, retry 5xx/429/network errors with exponential back-off and drop the
 * batch after `maxRetries`, drop at once on other 4xx. One batch in flight at a time means
 * a failing Loki backs the queue up, which the reader sees through `queued`.
 */
export class LokiClient {
  readonly stats: ClientStats = { sentEntries: 0, sentBytes: 0, droppedEntries: 0, droppedBytes: 0, retries: 0, requests: new Map() };
  private queue: Pending[] = [];
  private lastNs = 0n;
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: ClientOptions) {}

  /** Loki's host:port, the value of Promtail's `host` label. */
  get host(): string {
    return new URL(this.opts.url).host;
  }

  get queued(): number {
    return this.queue.length;
  }

  enqueue(labels: Readonly<Record<string, string>>, line: string): void {
    // Read time as the timestamp (Promtail's default without a timestamp stage), kept strictly
    // increasing so entries of one stream never collide.
    const now = BigInt(Date.now()) * 1_000_000n;
    this.lastNs = now > this.lastNs ? now : this.lastNs + 1n;
    this.queue.push({ labels, ns: this.lastNs, line });
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      await this.sleep(this.opts.batchWaitMs);
      while (!this.stopped && this.queue.length > 0) await this.sendWithRetries(this.takeBatch());
    }
  }

  private takeBatch(): Pending[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || bytes + this.queue[n]!.line.length <= this.opts.batchBytes)) {
      bytes += this.queue[n]!.line.length;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async sendWithRetries(batch: Pending[]): Promise<void> {
    const body = gzipSync(JSON.stringify({ streams: groupStreams(batch) }));
    const bytes = batch.reduce((n, e) => n + Buffer.byteLength(e.line), 0);
    let backoff = this.opts.minBackoffMs;
    for (let attempt = 0; ; attempt++) {
      const status = await this.post(body);
      if (status >= 200 && status < 300) {
        this.stats.sentEntries += batch.length;
        this.stats.sentBytes += bytes;
        return;
      }
      const retryable = status === 0 || status === 429 || status >= 500;
      if (!retryable || attempt >= this.opts.maxRetries || this.stopped) break;
      this.stats.retries++;
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, this.opts.maxBackoffMs);
    }
    this.stats.droppedEntries += batch.length;
    this.stats.droppedBytes += bytes;
  }

  /** Returns the HTTP status, or 0 when no answer came (refused, reset, timeout). */
  private async post(body: Buffer): Promise<number> {
    const t0 = performance.now();
    let status = 0;
    try {
      const res = await fetch(this.opts.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Encoding": "gzip", "User-Agent": "promtail-standin/lab" },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    const key = status === 0 ? "failed" : String(status);
    const r = this.stats.requests.get(key) ?? { count: 0, sum: 0 };
    r.count++;
    r.sum += (performance.now() - t0) / 1000;
    this.stats.requests.set(key, r);
    return status;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function groupStreams(batch: readonly Pending[]): { stream: Readonly<Record<string, string>>; values: [string, string][] }[] {
  const streams = new Map<string, { stream: Readonly<Record<string, string>>; values: [string, string][] }>();
  for (const e of batch) {
    const key = JSON.stringify(Object.entries(e.labels).sort());
    let s = streams.get(key);
    if (!s) {
      s = { stream: e.labels, values: [] };
      streams.set(key, s);
    }
    s.values.push([e.ns.toString(), e.line]);
  }
  return [...streams.values()];
}
