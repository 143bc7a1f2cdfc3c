import type { SourceName, SourceStatus } from "../../shared/webviewProtocol";

/**
 * When a source fails, the next try waits twice as long each time (refresh, 2×, 4×, … up
 * to `maxMs`), so a dead Prometheus is not hammered every second; the first success
 * returns to the normal refresh. The status says "down", why, and when it will try again.
 */
export class SourceBackoff {
  private failures = 0;
  private nextAt = 0;
  private current: SourceStatus;

  constructor(
    readonly source: SourceName,
    private readonly baseMs: number,
    private readonly maxMs = 30_000,
  ) {
    this.current = { source, state: "up", checkedAt: 0 };
  }

  due(now: number): boolean {
    return now >= this.nextAt;
  }

  /** Records a success; returns true when the status changed. */
  succeeded(now: number): boolean {
    const changed = this.current.state !== "up";
    this.failures = 0;
    this.nextAt = 0;
    this.current = { source: this.source, state: "up", checkedAt: now };
    return changed;
  }

  /** Records a failure; always a change (the detail and retry time move on). */
  failed(now: number, detail: string): boolean {
    this.failures++;
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 16));
    this.nextAt = now + delay;
    // A URL with user info in an error must not carry the credentials to the page.
    const safe = detail.replace(/\/\/[^/@\s]+@/g, "//…@").slice(0, 500);
    this.current = { source: this.source, state: "down", detail: safe, retryAt: this.nextAt, checkedAt: now };
    return true;
  }

  /** Forget the back-off (the panel became visible again: try at once). */
  reset(): void {
    this.nextAt = 0;
  }

  get status(): SourceStatus {
    return this.current;
  }
}
