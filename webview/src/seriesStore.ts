import type { SeriesBatch } from "../../src/shared/webviewProtocol";

/**
 * The samples of one chart, kept columnar as uPlot wants them (one shared time axis, one
 * value array per series, null where a series has no sample). Appends are O(batch), old
 * samples fall off the window, and the arrays are handed to uPlot without copying.
 */
export class SeriesStore {
  readonly times: number[] = [];
  readonly labels: string[] = [];
  readonly values: (number | null)[][] = [];

  constructor(
    private readonly windowSeconds: number,
    private readonly maxPoints = 20_000,
  ) {}

  /** Merges a batch; says whether the set of series changed (the chart must then be rebuilt). */
  apply(batch: SeriesBatch): { labelsChanged: boolean } {
    let labelsChanged = false;
    if (batch.mode === "replace") {
      labelsChanged = batch.series.length !== this.labels.length || batch.series.some((s, i) => s.label !== this.labels[i]);
      this.times.splice(0, this.times.length, ...batch.times);
      this.labels.splice(0, this.labels.length, ...batch.series.map((s) => s.label));
      this.values.splice(0, this.values.length, ...batch.series.map((s) => s.values.slice()));
    } else {
      const column = batch.series.map((s) => {
        let i = this.labels.indexOf(s.label);
        if (i < 0) {
          i = this.labels.push(s.label) - 1;
          this.values.push(new Array<number | null>(this.times.length).fill(null));
          labelsChanged = true;
        }
        return i;
      });
      batch.times.forEach((t, j) => {
        const pos = this.positionFor(t);
        if (pos < 0) return;
        batch.series.forEach((s, k) => {
          const v = s.values[j];
          if (v !== null && v !== undefined) this.values[column[k]!]![pos] = v;
        });
      });
    }
    this.trim();
    return { labelsChanged };
  }

  /** The uPlot data: [times, ...series]. */
  aligned(): [number[], ...(number | null)[][]] {
    return [this.times, ...this.values];
  }

  get lastTime(): number | undefined {
    return this.times[this.times.length - 1];
  }

  /** Index for time t: a new column when t is newer than all, the existing one when t is known, -1 otherwise. */
  private positionFor(t: number): number {
    const last = this.lastTime;
    if (last === undefined || t > last) {
      this.times.push(t);
      for (const v of this.values) v.push(null);
      return this.times.length - 1;
    }
    let lo = 0;
    let hi = this.times.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.times[mid]!;
      if (m === t) return mid;
      if (m < t) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private trim(): void {
    const last = this.lastTime;
    if (last === undefined) return;
    const cutoff = last - this.windowSeconds;
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! < cutoff) drop++;
    drop = Math.max(drop, this.times.length - this.maxPoints);
    if (drop <= 0) return;
    this.times.splice(0, drop);
    for (const v of this.values) v.splice(0, drop);
  }
}
