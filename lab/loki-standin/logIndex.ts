import type { LabelMatcher } from "./logqlAst.js";

export interface LogEntry {
  ns: bigint;
  line: string;
}

export interface LogStream {
  key: string;
  labels: Readonly<Record<string, string>>;
  /** Sorted by timestamp, oldest first. */
  entries: LogEntry[];
}

/** Canonical stream identity, like Loki's: labels sorted by name. */
export function streamKey(labels: Readonly<Record<string, string>>): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(", ")}}`;
}

export function matcherPredicate(m: LabelMatcher): (labels: Readonly<Record<string, string>>) => boolean {
  // A missing label reads as "", as in Loki: {a!="x"} matches streams without a.
  const get = (labels: Readonly<Record<string, string>>): string => labels[m.name] ?? "";
  switch (m.op) {
    case "=":
      return (l) => get(l) === m.value;
    case "!=":
      return (l) => get(l) !== m.value;
    case "=~": {
      const re = new RegExp(`^(?:${m.value})$`);
      return (l) => re.test(get(l));
    }
    case "!~": {
      const re = new RegExp(`^(?:${m.value})$`);
      return (l) => !re.test(get(l));
    }
  }
}

/**
 * The stand-in's query side: a bounded in-memory copy of what was pushed. Chunks on disk
 * are the durable side; this index only has to answer the lab's recent-window queries,
 * so it evicts the oldest entries past a fixed count instead of growing without end.
 */
export class LogIndex {
  private readonly streams = new Map<string, LogStream>();
  private total = 0;

  constructor(private readonly maxEntries: number) {}

  get entryCount(): number {
    return this.total;
  }

  get streamCount(): number {
    return this.streams.size;
  }

  append(labels: Readonly<Record<string, string>>, entries: readonly LogEntry[]): void {
    const key = streamKey(labels);
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { key, labels: { ...labels }, entries: [] };
      this.streams.set(key, stream);
    }
    for (const e of entries) insertSorted(stream.entries, e);
    this.total += entries.length;
    if (this.total > this.maxEntries) this.evict(Math.floor(this.maxEntries * 0.9));
  }

  select(matchers: readonly LabelMatcher[]): LogStream[] {
    const preds = matchers.map(matcherPredicate);
    return [...this.streams.values()].filter((s) => preds.every((p) => p(s.labels)));
  }

  labelNames(): string[] {
    const names = new Set<string>();
    for (const s of this.streams.values()) for (const k of Object.keys(s.labels)) names.add(k);
    return [...names].sort();
  }

  labelValues(name: string): string[] {
    const values = new Set<string>();
    for (const s of this.streams.values()) {
      const v = s.labels[name];
      if (v !== undefined) values.add(v);
    }
    return [...values].sort();
  }

  private evict(target: number): void {
    while (this.total > target) {
      let oldest: LogStream | undefined;
      for (const s of this.streams.values()) {
        if (!oldest || s.entries[0]!.ns < oldest.entries[0]!.ns) oldest = s;
      }
      if (!oldest) return;
      // Drop a slice of the oldest stream at once: shifting one entry at a time is quadratic.
      const drop = Math.max(1, Math.min(oldest.entries.length, this.total - target));
      oldest.entries.splice(0, drop);
      this.total -= drop;
      if (oldest.entries.length === 0) this.streams.delete(oldest.key);
    }
  }
}

function insertSorted(entries: LogEntry[], e: LogEntry): void {
  // Pushes arrive in order almost always; only out-of-order entries pay for a search.
  const last = entries[entries.length - 1];
  if (!last || last.ns <= e.ns) {
    entries.push(e);
    return;
  }
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.ns <= e.ns) lo = mid + 1;
    else hi = mid;
  }
  entries.splice(lo, 0, e);
}
