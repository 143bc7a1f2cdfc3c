import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { judgeCamera } from "../../../src/engine/probes/cameraProbe";
import { dockerOptions } from "../../../src/engine/probes/containerProbe";
import { judgeHttpResponse } from "../../../src/engine/probes/httpProbe";
import { LOG_LINE_CAP, lokiValue } from "../../../src/engine/probes/lokiProbe";
import { deliveredSince } from "../../../src/engine/probes/notificationProbe";
import { JsonCheckSchema } from "../../../src/engine/model/probeSchemas";

describe("http probe", () => {
  const json = [JsonCheckSchema.parse({ path: "status", equals: "healthy" })];
  it("trusts the body, not the 200", () => {
    assert.deepEqual(judgeHttpResponse({ status: 200, json }, 200, '{"status":"critical"}'), {
      ok: false,
      value: 200,
      detail: 'HTTP 200; status = "critical", expected "healthy"',
    });
    assert.equal(judgeHttpResponse({ status: 200, json }, 200, '{"status":"healthy"}').ok, true);
  });
  it("fails on the status first, and on a body that is not JSON", () => {
    assert.equal(judgeHttpResponse({ status: 200, json }, 502, "Bad Gateway").detail, "HTTP 502, expected 200");
    assert.match(judgeHttpResponse({ status: 200, json }, 200, "<html>").detail, /not JSON/);
    assert.equal(judgeHttpResponse({ status: 404, json: [] }, 404, "").ok, true);
  });
});

describe("loki probe", () => {
  it("counts lines of a log query, capped", () => {
    const lines = Array.from({ length: 3 }, (_, i) => ({ t: i, ns: `${i}`, line: "x", labels: {} }));
    assert.deepEqual(lokiValue({ kind: "logs", lines }), { value: 3, what: "3 line(s)" });
    const many = Array.from({ length: LOG_LINE_CAP }, (_, i) => ({ t: i, ns: `${i}`, line: "x", labels: {} }));
    assert.match(lokiValue({ kind: "logs", lines: many }).what, /^at least/);
  });
  it("sums the newest value of each series of a metric query", () => {
    const series = [
      { labels: { level: "ERROR" }, samples: [{ t: 0, v: 9 }, { t: 1, v: 2 }] },
      { labels: { level: "INFO" }, samples: [{ t: 1, v: 5 }] },
    ];
    assert.equal(lokiValue({ kind: "metric", series }).value, 7);
    assert.equal(lokiValue({ kind: "metric", series: [] }).value, 0);
  });
});

describe("notification probe", () => {
  it("counts deliveries since the baseline, surviving a counter reset", () => {
    assert.equal(deliveredSince(5, { total: 8, failed: 1, delivered: 7 }), 2);
    assert.equal(deliveredSince(5, { total: 1, failed: 0, delivered: 1 }), 1);
  });
});

describe("camera probe", () => {
  it("needs every source to agree; unknown never passes", () => {
    const rtspOff = { source: "rtsp" as const, state: "offline" as const, detail: "RTSP rtsp://x: connect failed: ECONNREFUSED" };
    const dashOff = { source: "dashboard" as const, state: "offline" as const, detail: "dashboard: k offline (Status check timed out)" };
    assert.equal(judgeCamera({ camera: "k", expect: "offline" }, [dashOff, rtspOff]).ok, true);
    const r = judgeCamera({ camera: "k", expect: "offline" }, [{ ...dashOff, state: "unknown" }, rtspOff]);
    assert.deepEqual([r.ok, r.value], [false, "unknown/offline"]);
  });
});

describe("container probe", () => {
  it("maps docker endpoints to dockerode options", () => {
    assert.deepEqual(dockerOptions("unix:///work/lab/.state/docker.sock"), { socketPath: "/work/lab/.state/docker.sock" });
    assert.deepEqual(dockerOptions("tcp://127.0.0.1:2375"), { host: "127.0.0.1", port: 2375, protocol: "http" });
    assert.throws(() => dockerOptions("ssh://u@h"), /not supported by the container probe/);
  });
});
