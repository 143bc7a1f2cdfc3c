import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CameraBoard, combineStates } from "../../../../src/extension/dashboard/cameraFeed";
import { dashboardQueries, DEFAULT_LOG_QUERY, DEFAULT_QUERIES } from "../../../../src/extension/dashboard/dashboardQueries";
import { logLevelOf } from "../../../../src/extension/dashboard/logLevel";
import { seriesLabel, toBatch } from "../../../../src/extension/dashboard/prometheusFeed";
import { SourceBackoff } from "../../../../src/extension/dashboard/sourceBackoff";
import { ExperimentSchema } from "../../../../src/engine/model/experimentSchema";
import { HostMessageSchema, type HostMessage } from "../../../../src/shared/webviewProtocol";

describe("dashboard feeds", () => {
  it("combines the dashboard's and our RTSP view of a camera", () => {
    assert.equal(combineStates("online", "online"), "online");
    assert.equal(combineStates("offline", "offline"), "offline");
    assert.equal(combineStates("online", "offline"), "degraded");
    assert.equal(combineStates("unknown", "offline"), "offline");
    assert.equal(combineStates("online", "unknown"), "online");
  });

  it("tracks since when a camera is in its state and the last change", () => {
    const posted: HostMessage[] = [];
    const camera = { rtsp: "rtsp://127.0.10.164:554/stream1" };
    const board = new CameraBoard([{ name: "tapo_kitchen", dashboardId: "tapo_kitchen", camera }], (m) => posted.push(m));
    const listed = (connected: boolean) => [{ name: "tapo_kitchen", groups: [], status: { connected, error: connected ? null : "Status check timed out" } }];
    board.fromDashboard(1000, listed(true));
    board.fromRtsp(1000, "tapo_kitchen", { source: "rtsp", state: "online", detail: "ok", roundTripMs: 4.2 });
    board.fromDashboard(5000, listed(false));
    board.fromRtsp(5000, "tapo_kitchen", { source: "rtsp", state: "offline", detail: "connect failed: ETIMEDOUT" });
    board.publish();
    const last = posted.at(-1)!;
    assert.ok(HostMessageSchema.safeParse(last).success);
    assert.equal(last.type, "cameras");
    if (last.type !== "cameras") return;
    const t = last.tiles[0]!;
    assert.equal(t.state, "offline");
    assert.equal(t.since, 5000);
    assert.deepEqual(t.lastChange, { from: "degraded", to: "offline", at: 5000 }, "the sources disagreed for a moment on the way down");
    assert.equal(t.dashboard.detail, "Status check timed out");
    assert.equal(t.rtsp.detail, "connect failed: ETIMEDOUT");
    board.fromDashboard(6000, undefined, "dashboard unreachable");
    board.publish();
    const after = posted.at(-1)!;
    assert.ok(after.type === "cameras" && after.tiles[0]!.state === "offline", "RTSP alone still decides while the dashboard is down");
  });

  it("turns Prometheus series into one columnar batch with gaps", () => {
    assert.equal(seriesLabel({ __name__: "up", job: "node", instance: "a" }), 'up{instance="a",job="node"}');
    assert.equal(seriesLabel({}), "value");
    const b = toBatch("q", "replace", [
      { labels: { job: "a" }, samples: [{ t: 1000, v: 1 }, { t: 2000, v: NaN }] },
      { labels: { job: "b" }, samples: [{ t: 2000, v: 0 }, { t: 3000, v: Infinity }] },
    ]);
    assert.deepEqual(b.times, [1, 2, 3]);
    assert.deepEqual(b.series[0]!.values, [1, null, null]);
    assert.deepEqual(b.series[1]!.values, [null, 0, null]);
    assert.ok(HostMessageSchema.safeParse({ type: "series", batch: b }).success);
  });

  it("reads the level of the stack's JSON, native and logfmt lines", () => {
    assert.equal(logLevelOf('{"timestamp":"2025-11-12T10:00:00Z","level":"WARNING","message":"Device tapo_kitchen went offline"}', {}), "warning");
    assert.equal(logLevelOf("2025-11-12 10:00:00,123 - tapo_camera_mcp.core - ERROR - Device CRITICAL", {}), "error");
    assert.equal(logLevelOf('ts=1 level=debug msg="x"', {}), "debug");
    assert.equal(logLevelOf("plain", { level: "info" }), "info");
    assert.equal(logLevelOf("plain", {}), "unknown");
  });

  it("backs off a failing source, says why and when it retries, and recovers at once", () => {
    const b = new SourceBackoff("prometheus", 1000, 8000);
    assert.equal(b.due(0), true);
    b.failed(0, "prometheus at http://user:hunter2@127.0.0.1:9090 unreachable: ECONNREFUSED");
    assert.equal(b.status.state, "down");
    assert.doesNotMatch(b.status.detail!, /hunter2/);
    assert.equal(b.status.retryAt, 2000);
    assert.equal(b.due(1500), false);
    b.failed(2000, "x");
    b.failed(6000, "x");
    b.failed(14_000, "x");
    assert.equal(b.status.retryAt, 22_000, "capped at the maximum delay");
    assert.equal(b.succeeded(22_000), true);
    assert.equal(b.due(22_000), true);
    assert.equal(b.status.state, "up");
  });

  it("charts the experiment's queries first, then the stack's defaults, each once", () => {
    const experiment = ExperimentSchema.parse({
      id: "CT-01",
      title: "t",
      component: "dashboard",
      faults: [{ id: "f", type: "process-kill", target: "hub", params: { pattern: "x" } }],
      steadyState: [{ name: "scraped", probe: { type: "prometheus", query: 'up{job="tapo-camera-mcp-system"}' } }],
      expectations: [
        { name: "down", within: "1m", probe: { type: "prometheus", query: 'up{job="tapo-camera-mcp-system"}' } },
        { name: "log", within: "1m", probe: { type: "loki", query: '{app="tapo-camera-mcp"} |= "offline"' } },
      ],
      guards: [{ name: "prom", probe: { type: "prometheus", query: "min by (job) (up)" } }],
    });
    const { queries, logQuery } = dashboardQueries(experiment);
    assert.deepEqual(
      queries.map((q) => q.expr),
      ['up{job="tapo-camera-mcp-system"}', "min by (job) (up)", DEFAULT_QUERIES[1]!.expr, DEFAULT_QUERIES[2]!.expr],
    );
    assert.equal(logQuery, '{app="tapo-camera-mcp"} |= "offline"');
    assert.deepEqual(dashboardQueries(undefined), { queries: [...DEFAULT_QUERIES], logQuery: DEFAULT_LOG_QUERY });
  });
});
