import { type LogEntry, type LogIndex, type LogStream } from "./logIndex.js";
import type { Grouping, LineFilter, LogQuery, MetricQuery, VectorOperator } from "./logqlAst.js";

export type Direction = "forward" | "backward";

/** One stream of a "streams" result: values are [nanoseconds as string, line]. */
export interface StreamResult {
  stream: Record<string, string>;
  values: [string, string][];
}

/** One series of a "matrix" result: values are [unix seconds, value as string]. */
export interface MatrixResult {
  metric: Record<string, string>;
  values: [number, string][];
}

export interface VectorResult {
  metric: Record<string, string>;
  value: [number, string];
}

export function lineFilterPredicate(f: LineFilter): (line: string) => boolean {
  switch (f.op) {
    case "|=":
      return (line) => line.includes(f.value);
    case "!=":
      return (line) => !line.includes(f.value);
    case "|~": {
      const re = new RegExp(f.value);
      return (line) => re.test(line);
    }
    case "!~": {
      const re = new RegExp(f.value);
      return (line) => !re.test(line);
    }
  }
}

function filteredEntries(stream: LogStream, q: LogQuery, fromNs: bigint, toNs: bigint): LogEntry[] {
  const preds = q.filters.map(lineFilterPredicate);
  return stream.entries.filter((e) => e.ns >= fromNs && e.ns < toNs && preds.every((p) => p(e.line)));
}

/** Log query over [startNs, endNs): the newest (backward) or oldest (forward) `limit` entries overall. */
export function evaluateLogQuery(
  index: LogIndex,
  q: LogQuery,
  opts: { startNs: bigint; endNs: bigint; limit: number; direction: Direction },
): StreamResult[] {
  const picked: { stream: LogStream; entry: LogEntry }[] = [];
  for (const stream of index.select(q.matchers)) {
    for (const entry of filteredEntries(stream, q, opts.startNs, opts.endNs)) picked.push({ stream, entry });
  }
  const sign = opts.direction === "backward" ? -1 : 1;
  picked.sort((a, b) => (a.entry.ns < b.entry.ns ? -sign : a.entry.ns > b.entry.ns ? sign : 0));
  const byStream = new Map<string, StreamResult>();
  for (const { stream, entry } of picked.slice(0, opts.limit)) {
    let r = byStream.get(stream.key);
    if (!r) {
      r = { stream: { ...stream.labels }, values: [] };
      byStream.set(stream.key, r);
    }
    r.values.push([entry.ns.toString(), entry.line]);
  }
  return [...byStream.values()];
}

interface Series {
  metric: Record<string, string>;
  /** Evaluation time (ms) → value; a missing time means "no sample", as in Loki. */
  points: Map<number, number>;
}

const NS_PER_MS = 1_000_000n;

function evaluateSeries(index: LogIndex, q: MetricQuery, timesMs: readonly number[]): Series[] {
  if (q.kind === "range") {
    const first = timesMs[0] ?? 0;
    const last = timesMs[timesMs.length - 1] ?? 0;
    const out: Series[] = [];
    for (const stream of index.select(q.query.matchers)) {
      // Window for time t is (t - range, t]; fetch everything any window can see once.
      const entries = filteredEntries(stream, q.query, BigInt(first - q.rangeMs) * NS_PER_MS + 1n, BigInt(last) * NS_PER_MS + 1n);
      if (entries.length === 0) continue;
      const points = new Map<number, number>();
      let lo = 0;
      let hi = 0;
      for (const t of timesMs) {
        const fromNs = BigInt(t - q.rangeMs) * NS_PER_MS;
        const toNs = BigInt(t) * NS_PER_MS;
        while (lo < entries.length && entries[lo]!.ns <= fromNs) lo++;
        while (hi < entries.length && entries[hi]!.ns <= toNs) hi++;
        const count = hi - lo;
        if (count > 0) points.set(t, q.fn === "rate" ? count / (q.rangeMs / 1000) : count);
      }
      if (points.size > 0) out.push({ metric: { ...stream.labels }, points });
    }
    return out;
  }
  const inner = evaluateSeries(index, q.inner, timesMs);
  const groups = new Map<string, { metric: Record<string, string>; members: Series[] }>();
  for (const s of inner) {
    const metric = groupLabels(s.metric, q.grouping);
    const key = JSON.stringify(Object.entries(metric).sort());
    let g = groups.get(key);
    if (!g) {
      g = { metric, members: [] };
      groups.set(key, g);
    }
    g.members.push(s);
  }
  return [...groups.values()].map(({ metric, members }) => {
    const points = new Map<number, number>();
    for (const t of timesMs) {
      const values = members.flatMap((m) => (m.points.has(t) ? [m.points.get(t)!] : []));
      if (values.length > 0) points.set(t, aggregate(q.op, values));
    }
    return { metric, points };
  });
}

function groupLabels(labels: Readonly<Record<string, string>>, grouping: Grouping | undefined): Record<string, string> {
  if (!grouping) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    // Prometheus semantics: an empty label is the same as no label.
    if (v !== "" && grouping.labels.includes(k) !== grouping.without) out[k] = v;
  }
  return out;
}

function aggregate(op: VectorOperator, values: readonly number[]): number {
  switch (op) {
    case "sum":
      return values.reduce((a, b) => a + b, 0);
    case "min":
      return Math.min(...values);
    case "max":
      return Math.max(...values);
    case "avg":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "count":
      return values.length;
  }
}

export function evaluateMatrix(index: LogIndex, q: MetricQuery, opts: { startMs: number; endMs: number; stepMs: number }): MatrixResult[] {
  const times: number[] = [];
  for (let t = opts.startMs; t <= opts.endMs; t += opts.stepMs) times.push(t);
  return evaluateSeries(index, q, times)
    .filter((s) => s.points.size > 0)
    .map((s) => ({ metric: s.metric, values: times.filter((t) => s.points.has(t)).map((t) => [t / 1000, String(s.points.get(t))]) }));
}

export function evaluateVector(index: LogIndex, q: MetricQuery, timeMs: number): VectorResult[] {
  return evaluateSeries(index, q, [timeMs]).flatMap((s) => {
    const v = s.points.get(timeMs);
    return v === undefined ? [] : [{ metric: s.metric, value: [timeMs / 1000, String(v)] as [number, string] }];
  });
}
