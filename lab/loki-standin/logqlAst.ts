/** The LogQL subset the Loki stand-in understands (Grafana Loki is not packaged here). */
export type MatchOp = "=" | "!=" | "=~" | "!~";
export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

export type FilterOp = "|=" | "!=" | "|~" | "!~";
export interface LineFilter {
  op: FilterOp;
  value: string;
}

export interface LogQuery {
  kind: "log";
  matchers: LabelMatcher[];
  filters: LineFilter[];
}

export type RangeFunction = "count_over_time" | "rate";
export interface RangeAggregation {
  kind: "range";
  fn: RangeFunction;
  query: LogQuery;
  rangeMs: number;
}

export type VectorOperator = "sum" | "min" | "max" | "avg" | "count";
export interface Grouping {
  without: boolean;
  labels: string[];
}
export interface VectorAggregation {
  kind: "vector";
  op: VectorOperator;
  grouping?: Grouping;
  inner: MetricQuery;
}

export type MetricQuery = RangeAggregation | VectorAggregation;
export type Query = LogQuery | MetricQuery;
