import { parseDurationMs } from "./duration.js";
import type {
  FilterOp,
  Grouping,
  LabelMatcher,
  LineFilter,
  LogQuery,
  MatchOp,
  MetricQuery,
  Query,
  RangeFunction,
  VectorOperator,
} from "./logqlAst.js";

/** A query the stand-in rejects; the HTTP layer turns it into Loki's 400 "parse error". */
export class LogqlParseError extends Error {}

const RANGE_FUNCTIONS: readonly RangeFunction[] = ["count_over_time", "rate"];
const VECTOR_OPERATORS: readonly VectorOperator[] = ["sum", "min", "max", "avg", "count"];

/**
 * Recursive-descent parser for the LogQL subset the dashboards and the chaos plan use:
 * stream selectors, line filters, count_over_time/rate and sum-style aggregations.
 * Anything else fails loudly instead of being half-understood.
 */
export function parseLogql(text: string): Query {
  const p = new Cursor(text);
  const query = p.query();
  p.skipSpace();
  if (!p.done()) p.fail("unexpected trailing input");
  // Metric queries are checked through their innermost selector, as Loki does.
  checkSelectorNotEmptyCompatible(innermostLogQuery(query).matchers);
  return query;
}

class Cursor {
  private at = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at >= this.text.length;
  }

  fail(message: string): never {
    throw new LogqlParseError(`parse error at col ${this.at + 1}: ${message}`);
  }

  skipSpace(): void {
    while (!this.done() && /\s/.test(this.text[this.at]!)) this.at++;
  }

  private peekWord(): string | undefined {
    this.skipSpace();
    return /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(this.text.slice(this.at))?.[0];
  }

  private word(): string {
    const w = this.peekWord();
    if (w === undefined) this.fail("expected an identifier");
    this.at += w.length;
    return w;
  }

  private tryTake(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.at)) {
      this.at += token.length;
      return true;
    }
    return false;
  }

  private take(token: string): void {
    if (!this.tryTake(token)) this.fail(`expected "${token}"`);
  }

  private string(): string {
    this.skipSpace();
    const quote = this.text[this.at];
    if (quote === "`") {
      const end = this.text.indexOf("`", this.at + 1);
      if (end < 0) this.fail("unterminated raw string");
      const value = this.text.slice(this.at + 1, end);
      this.at = end + 1;
      return value;
    }
    if (quote !== '"') this.fail("expected a quoted string");
    // Go-style double-quoted strings share JSON's escapes for everything dashboards send.
    let end = this.at + 1;
    while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === "\\" ? 2 : 1;
    if (end >= this.text.length) this.fail("unterminated string");
    const raw = this.text.slice(this.at, end + 1);
    this.at = end + 1;
    try {
      return JSON.parse(raw) as string;
    } catch {
      return this.fail(`bad string escape in ${raw}`);
    }
  }

  query(): Query {
    this.skipSpace();
    if (this.text[this.at] === "{") return this.logQuery();
    return this.metricQuery();
  }

  private metricQuery(): MetricQuery {
    const name = this.word();
    if ((RANGE_FUNCTIONS as readonly string[]).includes(name)) {
      this.take("(");
      const query = this.logQuery();
      this.take("[");
      const close = this.text.indexOf("]", this.at);
      if (close < 0) this.fail('expected "]"');
      let rangeMs: number;
      try {
        rangeMs = parseDurationMs(this.text.slice(this.at, close).trim());
      } catch (e) {
        return this.fail((e as Error).message);
      }
      this.at = close + 1;
      this.take(")");
      return { kind: "range", fn: name as RangeFunction, query, rangeMs };
    }
    if ((VECTOR_OPERATORS as readonly string[]).includes(name)) {
      // Both placements are valid LogQL: `sum by (x) (…)` and `sum (…) by (x)`.
      let grouping = this.grouping();
      this.take("(");
      const inner = this.metricQuery();
      this.take(")");
      grouping ??= this.grouping();
      return grouping
        ? { kind: "vector", op: name as VectorOperator, grouping, inner }
        : { kind: "vector", op: name as VectorOperator, inner };
    }
    return this.fail(`unsupported function "${name}" (stand-in supports ${[...RANGE_FUNCTIONS, ...VECTOR_OPERATORS].join(", ")})`);
  }

  private grouping(): Grouping | undefined {
    const w = this.peekWord();
    if (w !== "by" && w !== "without") return undefined;
    this.word();
    this.take("(");
    const labels: string[] = [];
    if (!this.tryTake(")")) {
      do labels.push(this.word());
      while (this.tryTake(","));
      this.take(")");
    }
    return { without: w === "without", labels };
  }

  private logQuery(): LogQuery {
    const matchers = this.selector();
    const filters: LineFilter[] = [];
    for (;;) {
      const op = this.filterOp();
      if (!op) break;
      const value = this.string();
      if (op === "|~" || op === "!~") compileRegex(value, (m) => this.fail(m));
      filters.push({ op, value });
    }
    return { kind: "log", matchers, filters };
  }

  private filterOp(): FilterOp | undefined {
    for (const op of ["|=", "!=", "|~", "!~"] as const) if (this.tryTake(op)) return op;
    this.skipSpace();
    if (this.text[this.at] === "|") this.fail("the stand-in supports only line filters (|=, !=, |~, !~) after a selector");
    return undefined;
  }

  private selector(): LabelMatcher[] {
    this.take("{");
    const matchers: LabelMatcher[] = [];
    if (this.tryTake("}")) this.fail("queries require at least one matcher");
    do {
      const name = this.word();
      const op = this.matchOp();
      const value = this.string();
      if (op === "=~" || op === "!~") compileRegex(`^(?:${value})$`, (m) => this.fail(m));
      matchers.push({ name, op, value });
    } while (this.tryTake(","));
    this.take("}");
    return matchers;
  }

  private matchOp(): MatchOp {
    for (const op of ["=~", "!~", "!=", "="] as const) if (this.tryTake(op)) return op;
    return this.fail("expected one of =, !=, =~, !~");
  }
}

function compileRegex(source: string, fail: (message: string) => never): RegExp {
  try {
    return new RegExp(source);
  } catch (e) {
    return fail(`invalid regex: ${(e as Error).message}`);
  }
}

/** Loki refuses selectors that would match every stream; so does the stand-in, with Loki's words. */
function checkSelectorNotEmptyCompatible(matchers: readonly LabelMatcher[]): void {
  const selective = matchers.some((m) => {
    if (m.op === "=") return m.value !== "";
    if (m.op === "=~") return !new RegExp(`^(?:${m.value})$`).test("");
    return false;
  });
  if (!selective) {
    throw new LogqlParseError(
      'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will',
    );
  }
}

export function innermostLogQuery(q: Query): LogQuery {
  if (q.kind === "log") return q;
  if (q.kind === "range") return q.query;
  return innermostLogQuery(q.inner);
}
