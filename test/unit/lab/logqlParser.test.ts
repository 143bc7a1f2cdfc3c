import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDurationMs } from "../../../lab/loki-standin/duration.js";
import { LogqlParseError, parseLogql } from "../../../lab/loki-standin/logqlParser.js";

test("stream selector with all four matchers and all four line filters", () => {
  const q = parseLogql('{job="tapo-camera-mcp", level!="DEBUG", app=~"tapo.*", host!~`lab-\\d+`} |= "ERROR" != "healthz" |~ "cam(era)?" !~ `^\\s*$`');
  assert.deepEqual(q, {
    kind: "log",
    matchers: [
      { name: "job", op: "=", value: "tapo-camera-mcp" },
      { name: "level", op: "!=", value: "DEBUG" },
      { name: "app", op: "=~", value: "tapo.*" },
      { name: "host", op: "!~", value: "lab-\\d+" },
    ],
    filters: [
      { op: "|=", value: "ERROR" },
      { op: "!=", value: "healthz" },
      { op: "|~", value: "cam(era)?" },
      { op: "!~", value: "^\\s*$" },
    ],
  });
});

test("double-quoted strings take Go/JSON escapes", () => {
  const q = parseLogql('{job="a"} |= "say \\"hi\\"\\n"');
  assert.equal(q.kind === "log" && q.filters[0]?.value, 'say "hi"\n');
});

test("the dashboards' aggregation, in both grouping placements", () => {
  const expected = {
    kind: "vector",
    op: "sum",
    grouping: { without: false, labels: ["level"] },
    inner: { kind: "range", fn: "count_over_time", rangeMs: 300_000, query: { kind: "log", matchers: [{ name: "app", op: "=", value: "tapo-camera-mcp" }], filters: [] } },
  };
  assert.deepEqual(parseLogql('sum by (level) (count_over_time({app="tapo-camera-mcp"}[5m]))'), expected);
  assert.deepEqual(parseLogql('sum(count_over_time({app="tapo-camera-mcp"}[5m])) by (level)'), expected);
});

test("rate with a line filter and a compound range", () => {
  const q = parseLogql('rate({job="edge-agent"} |= "timeout" [1m30s])');
  assert.equal(q.kind, "range");
  assert.equal(q.kind === "range" && q.rangeMs, 90_000);
  assert.equal(q.kind === "range" && q.query.filters[0]?.value, "timeout");
});

test("selectors that match everything are refused with Loki's words", () => {
  for (const text of ['{job=~".*"}', '{job=""}', '{job!="x"}', 'count_over_time({a=~".*"}[1m])']) {
    assert.throws(() => parseLogql(text), /at least one regexp or equality matcher that does not have an empty-compatible value/, text);
  }
  assert.doesNotThrow(() => parseLogql('{job=~".+"}'));
});

test("unsupported or broken queries fail loudly", () => {
  for (const text of ["{}", '{job="a"', '{job="a"} | json', 'bytes_over_time({job="a"}[1m])', 'count_over_time({job="a"})', '{job="a"} |~ "("', '{job=~"("}', 'sum(count_over_time({job="a"}[5m])) extra']) {
    assert.throws(() => parseLogql(text), LogqlParseError, text);
  }
});

test("durations", () => {
  assert.equal(parseDurationMs("5m"), 300_000);
  assert.equal(parseDurationMs("1h30m"), 5_400_000);
  assert.equal(parseDurationMs("250ms"), 250);
  assert.throws(() => parseDurationMs("5"));
  assert.throws(() => parseDurationMs(""));
});
