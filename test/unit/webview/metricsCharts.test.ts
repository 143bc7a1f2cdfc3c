import { canvasCalls } from "./jsdomEnv";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MetricsCharts, shortLabels } from "../../../webview/src/metricsCharts";
import { SeriesStore } from "../../../webview/src/seriesStore";
import type { SeriesBatch } from "../../../src/shared/webviewProtocol";

const batch = (mode: SeriesBatch["mode"], times: number[], series: Record<string, (number | null)[]>): SeriesBatch => ({
  queryId: "q",
  mode,
  times,
  series: Object.entries(series).map(([label, values]) => ({ label, values })),
});

describe("series store", () => {
  it("replaces, then appends newer samples and overwrites known times", () => {
    const s = new SeriesStore(3600);
    s.apply(batch("replace", [10, 11, 12], { a: [1, 1, 1] }));
    const r = s.apply(batch("append", [12, 13], { a: [0, 0] }));
    assert.equal(r.labelsChanged, false);
    assert.deepEqual(s.aligned(), [
      [10, 11, 12, 13],
      [1, 1, 0, 0],
    ]);
  });

  it("adds a new series with gaps before it appeared", () => {
    const s = new SeriesStore(3600);
    s.apply(batch("replace", [1, 2], { a: [1, 1] }));
    const r = s.apply(batch("append", [3], { a: [1], b: [5] }));
    assert.equal(r.labelsChanged, true);
    assert.deepEqual(s.aligned(), [
      [1, 2, 3],
      [1, 1, 1],
      [null, null, 5],
    ]);
  });

  it("drops samples older than the window and ignores unknown older times", () => {
    const s = new SeriesStore(10);
    s.apply(batch("replace", [0, 5, 10], { a: [1, 2, 3] }));
    s.apply(batch("append", [7, 15], { a: [9, 4] }));
    assert.deepEqual(s.aligned(), [
      [5, 10, 15],
      [2, 3, 4],
    ]);
  });

  it("holds 10,000 points and appends to them cheaply", () => {
    const s = new SeriesStore(100_000);
    const times = Array.from({ length: 10_000 }, (_, i) => i);
    s.apply(batch("replace", times, { a: times.map((t) => Math.sin(t / 100)) }));
    const started = performance.now();
    for (let t = 10_000; t < 10_100; t++) s.apply(batch("append", [t], { a: [1] }));
    const ms = performance.now() - started;
    assert.equal(s.times.length, 10_100);
    assert.ok(ms < 500, `100 appends took ${ms} ms`);
  });
});

describe("metrics charts", () => {
  const queries = [
    { id: "q", title: "Targets up", expr: "min by (job) (up)", origin: "default" as const },
    { id: "r", title: "Camera health", expr: "device_health_status", origin: "default" as const },
  ];

  it("makes one card per query and draws batches into it", () => {
    const root = document.createElement("div");
    const charts = new MetricsCharts(root, 900);
    charts.setQueries(queries);
    assert.equal(root.querySelectorAll(".chart-card").length, 2);
    charts.applyBatch(batch("replace", [100, 101, 102], { '{job="prometheus"}': [1, 1, 0] }));
    assert.equal(charts.pointCount("q"), 3);
    assert.ok(root.querySelector('[data-query="q"] .uplot'), "uPlot chart built");
    assert.match(root.querySelector('[data-query="q"]')!.textContent!, /job="prometheus"/);
  });

  it("shades the fault window and marks detect and recover", async () => {
    const root = document.createElement("div");
    const charts = new MetricsCharts(root, 900);
    charts.setQueries(queries);
    charts.applyBatch(batch("replace", [100, 110, 120, 130], { v: [1, 0, 0, 1] }));
    canvasCalls.length = 0;
    charts.setWindow({ injectedAt: 105_000, revertedAt: 125_000, detectAt: 111_000, recoverAt: 128_000 });
    // uPlot commits its drawing in a microtask.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const fills = canvasCalls.filter((c) => c.name === "fillRect");
    const labels = canvasCalls.filter((c) => c.name === "fillText").map((c) => c.args[0]);
    assert.ok(fills.length >= 1, "fault window shaded");
    assert.ok(labels.includes("detect") && labels.includes("recover"), `markers drawn: ${labels.join(",")}`);
  });

  it("reports a rejected query on its chart and Prometheus being down above all charts", () => {
    const root = document.createElement("div");
    const charts = new MetricsCharts(root, 900);
    charts.setQueries(queries);
    charts.setQueryError("r", "bad_data: parse error");
    assert.match(root.querySelector('[data-query="r"] .query-error')!.textContent!, /parse error/);
    charts.setSources([{ source: "prometheus", state: "down", detail: "ECONNREFUSED", checkedAt: 0, retryAt: 4000 }]);
    const banner = root.querySelector<HTMLElement>(".source-down")!;
    assert.equal(banner.hidden, false);
    assert.match(banner.textContent!, /source down: prometheus/);
  });

  it("remembers which charts the user folded", () => {
    const root = document.createElement("div");
    const toggled: [string, boolean][] = [];
    const charts = new MetricsCharts(root, 900, (id, hidden) => toggled.push([id, hidden]));
    charts.setQueries(queries, ["r"]);
    const card = root.querySelector<HTMLDetailsElement>('[data-query="r"]')!;
    assert.equal(card.open, false);
    card.open = true;
    card.dispatchEvent(new window.Event("toggle"));
    assert.deepEqual(toggled, [["r", false]]);
  });
});

describe("legend labels", () => {
  it("drops the label pairs every series shares", () => {
    assert.deepEqual(shortLabels(['up{instance="h",job="a"}', 'up{instance="h",job="b"}']), ['up{job="a"}', 'up{job="b"}']);
    assert.deepEqual(shortLabels(['{job="a"}']), ['{job="a"}']);
    assert.deepEqual(shortLabels(["value"]), ["value"]);
  });
});
