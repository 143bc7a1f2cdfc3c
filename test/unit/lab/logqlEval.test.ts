import assert from "node:assert/strict";
import { test } from "node:test";
import { LogIndex } from "../../../lab/loki-standin/logIndex.js";
import type { LogQuery, MetricQuery } from "../../../lab/loki-standin/logqlAst.js";
import { evaluateLogQuery, evaluateMatrix, evaluateVector } from "../../../lab/loki-standin/logqlEval.js";
import { parseLogql } from "../../../lab/loki-standin/logqlParser.js";

const S = 1_000_000_000n;
const T0 = 1_700_000_000n * S;

function fixture(): LogIndex {
  const index = new LogIndex(1000);
  const app = { job: "tapo-camera-mcp", app: "tapo-camera-mcp" };
  index.append({ ...app, level: "ERROR" }, [
    { ns: T0 + 10n * S, line: "ERROR Device tapo_kitchen CRITICAL - offline for 180s" },
    { ns: T0 + 70n * S, line: "ERROR snapshot failed" },
  ]);
  index.append({ ...app, level: "INFO" }, [
    { ns: T0 + 20n * S, line: "INFO tapo_kitchen Reconnected" },
    { ns: T0 + 30n * S, line: "INFO GET /api/health 200" },
  ]);
  index.append({ job: "edge-agent" }, [{ ns: T0 + 40n * S, line: '{"level":"WARNING","message":"camera tapo_living_room unreachable"}' }]);
  return index;
}

const log = (text: string): LogQuery => parseLogql(text) as LogQuery;
const metric = (text: string): MetricQuery => parseLogql(text) as MetricQuery;
const window = { startNs: T0, endNs: T0 + 100n * S, limit: 100, direction: "backward" as const };

test("selectors and line filters pick the right entries, newest first", () => {
  const r = evaluateLogQuery(fixture(), log('{job="tapo-camera-mcp"} |= "tapo_kitchen" != "Reconnected"'), window);
  assert.deepEqual(r, [{ stream: { job: "tapo-camera-mcp", app: "tapo-camera-mcp", level: "ERROR" }, values: [[(T0 + 10n * S).toString(), "ERROR Device tapo_kitchen CRITICAL - offline for 180s"]] }]);
  const regex = evaluateLogQuery(fixture(), log('{job=~"tapo.*|edge-agent", level!="ERROR"} |~ "tapo_(kitchen|living_room)" !~ "Reconnected"'), window);
  assert.deepEqual(regex.map((s) => s.stream.job), ["edge-agent"]);
  assert.deepEqual(evaluateLogQuery(fixture(), log('{job!~"tapo.*", job=~".+"}'), window).map((s) => s.values.length), [1]);
});

test("limit keeps the newest entries overall; forward returns oldest first", () => {
  const newest = evaluateLogQuery(fixture(), log('{app="tapo-camera-mcp"}'), { ...window, limit: 2 });
  assert.deepEqual(newest.flatMap((s) => s.values.map((v) => v[1])).sort(), ["ERROR snapshot failed", "INFO GET /api/health 200"]);
  const oldest = evaluateLogQuery(fixture(), log('{app="tapo-camera-mcp"}'), { ...window, limit: 1, direction: "forward" });
  assert.deepEqual(oldest[0]?.values[0]?.[1], "ERROR Device tapo_kitchen CRITICAL - offline for 180s");
});

test("the time range is start-inclusive, end-exclusive", () => {
  const r = evaluateLogQuery(fixture(), log('{level="INFO"}'), { ...window, startNs: T0 + 20n * S, endNs: T0 + 30n * S });
  assert.deepEqual(r[0]?.values.map((v) => v[1]), ["INFO tapo_kitchen Reconnected"]);
});

test("sum by (level) (count_over_time(...[5m])) as an instant vector", () => {
  const r = evaluateVector(fixture(), metric('sum by (level) (count_over_time({app="tapo-camera-mcp"}[5m]))'), Number((T0 + 100n * S) / 1_000_000n));
  assert.deepEqual(
    r.map((s) => [s.metric, s.value[1]]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    [
      [{ level: "ERROR" }, "2"],
      [{ level: "INFO" }, "2"],
    ],
  );
  assert.equal(r[0]?.value[0], 1_700_000_100);
});

test("count_over_time windows are (t - range, t] and empty steps have no point", () => {
  const startMs = Number(T0 / 1_000_000n);
  const r = evaluateMatrix(fixture(), metric('count_over_time({level="ERROR"}[30s])'), { startMs, endMs: startMs + 100_000, stepMs: 10_000 });
  assert.equal(r.length, 1);
  assert.deepEqual(r[0]?.values, [
    [1_700_000_010, "1"],
    [1_700_000_020, "1"],
    [1_700_000_030, "1"],
    [1_700_000_070, "1"],
    [1_700_000_080, "1"],
    [1_700_000_090, "1"],
  ]);
});

test("rate is count over the range in seconds; sum without grouping drops all labels", () => {
  const t = Number((T0 + 100n * S) / 1_000_000n);
  const r = evaluateVector(fixture(), metric('sum(rate({app="tapo-camera-mcp"}[2m]))'), t);
  assert.deepEqual(r, [{ metric: {}, value: [t / 1000, String(4 / 120)] }]);
  const perStream = evaluateVector(fixture(), metric('rate({level="ERROR"} |= "snapshot" [1m])'), t);
  assert.deepEqual(perStream.map((s) => s.value[1]), [String(1 / 60)]);
});

test("the in-memory index stays bounded, evicting the oldest entries", () => {
  const index = new LogIndex(10);
  for (let i = 0; i < 25; i++) index.append({ job: "a" }, [{ ns: BigInt(i), line: `l${i}` }]);
  assert.ok(index.entryCount <= 10);
  const kept = evaluateLogQuery(index, log('{job="a"}'), { startNs: 0n, endNs: 100n, limit: 100, direction: "forward" });
  assert.equal(kept[0]?.values.at(-1)?.[1], "l24");
});
