/**
 * Restart delays of the real runner: base × factorⁿ for the n-th restart in a row, capped,
 * and back to the base once the child has stayed healthy for `resetMs`.
 */
export class Backoff {
  private restarts = 0;
  private healthySince: number | undefined;

  constructor(
    private readonly baseMs: number,
    private readonly factor: number,
    private readonly maxMs: number,
    private readonly resetMs: number,
  ) {}

  /** Delay before the next restart; counts the restart. */
  next(): number {
    const delay = Math.min(this.maxMs, this.baseMs * this.factor ** this.restarts);
    this.restarts += 1;
    this.healthySince = undefined;
    return Math.round(delay);
  }

  markHealthy(now: number): void {
    this.healthySince ??= now;
    if (now - this.healthySince >= this.resetMs) this.restarts = 0;
  }

  markUnhealthy(): void {
    this.healthySince = undefined;
  }

  get consecutiveRestarts(): number {
    return this.restarts;
  }
}
