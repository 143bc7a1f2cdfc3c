import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { LokiClient, toLokiResult, LokiQueryResponseSchema } from "../../../src/engine/clients/lokiClient";
import { startFakeHttpServer } from "./fakeHttpServer";

// Shapes as Loki's HTTP API documents them (stats trimmed).
const STREAMS = {
  status: "success",
  data: {
    resultType: "streams",
    result: [
      {
        stream: { app: "tapo-camera-mcp", job: "tapo-camera-mcp", level: "WARNING" },
        values: [
          ["1731405610000000000", '{"timestamp":"2024-11-12T10:00:10Z","level":"WARNING","message":"Device tapo_kitchen went offline: Status check timed out"}'],
          ["1731405600000000000", '{"timestamp":"2024-11-12T10:00:00Z","level":"INFO","message":"started"}'],
        ],
      },
      { stream: { app: "tapo-camera-mcp", level: "ERROR" }, values: [["1731405620500000000", "Device tapo_kitchen CRITICAL - offline for 180s", { trace_id: "a" }]] },
    ],
    stats: { summary: { bytesProcessedPerSecond: 1, execTime: 0.001 } },
  },
};
const MATRIX = {
  status: "success",
  data: { resultType: "matrix", result: [{ metric: { level: "ERROR" }, values: [[1731405300, "2"], [1731405600, "5"]] }], stats: {} },
};

describe("Loki response parsing", () => {
  it("reads streams (with Loki 3 structured metadata) as lines in ms", () => {
    const body = LokiQueryResponseSchema.parse(STREAMS);
    assert.equal(body.status, "success");
    if (body.status !== "success") return;
    const r = toLokiResult(body.data);
    assert.equal(r.kind, "logs");
    if (r.kind !== "logs") return;
    assert.equal(r.lines.length, 3);
    assert.equal(r.lines[2]?.t, 1731405620500);
    assert.equal(r.lines[2]?.labels.level, "ERROR");
  });

  it("reads matrix and vector as metric series", () => {
    const body = LokiQueryResponseSchema.parse(MATRIX);
    if (body.status !== "success") throw new Error("expected success");
    assert.deepEqual(toLokiResult(body.data), { kind: "metric", series: [{ labels: { level: "ERROR" }, samples: [{ t: 1731405300000, v: 2 }, { t: 1731405600000, v: 5 }] }] });
    const vec = LokiQueryResponseSchema.parse({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1731405600.5, "3"] }] } });
    if (vec.status !== "success") throw new Error("expected success");
    assert.deepEqual(toLokiResult(vec.data), { kind: "metric", series: [{ labels: {}, samples: [{ t: 1731405600500, v: 3 }] }] });
  });
});

describe("LokiClient", () => {
  let server: Awaited<ReturnType<typeof startFakeHttpServer>>;
  let client: LokiClient;
  before(async () => {
    server = await startFakeHttpServer((req) => {
      const url = new URL(req.url, "http://x");
      if (url.pathname === "/ready") return { status: 503, body: "Ingester not ready: waiting for 15s after being ready\n" };
      if (url.pathname === "/loki/api/v1/push") return { status: 204, body: "" };
      if (url.searchParams.get("query") === "{bad") return { status: 400, body: "parse error at line 1, col 5: syntax error: unexpected $end\n" };
      return { body: url.searchParams.get("query")?.startsWith("count_over_time") ? MATRIX : STREAMS };
    });
    client = new LokiClient({ name: "loki", url: server.url });
  });
  after(() => server.close());

  it("sends nanosecond start/end and direction, and tails newest first", async () => {
    const lines = await client.tail('{app="tapo-camera-mcp"}', 60_000, 50);
    assert.equal(lines[0]?.ns, "1731405620500000000");
    const params = new URL(server.requests.at(-1)!.url, "http://x").searchParams;
    assert.match(params.get("start") ?? "", /^\d{19}$/);
    assert.equal(params.get("direction"), "backward");
    assert.equal(params.get("limit"), "50");
  });

  it("keeps Loki's plain-text reason for bad LogQL", async () => {
    await assert.rejects(client.query("{bad"), /loki at .* rejected \/loki\/api\/v1\/query \(HTTP 400\): parse error/);
  });

  it("reports not ready with Loki's words", async () => {
    assert.deepEqual(await client.ready(), { ready: false, detail: "Ingester not ready: waiting for 15s after being ready" });
  });

  it("pushes streams as [ns, line] pairs", async () => {
    await client.push([{ labels: { job: "chaos" }, lines: [{ t: 1731405600001, line: "marker" }] }]);
    const sent = JSON.parse(server.requests.at(-1)!.body) as unknown;
    assert.deepEqual(sent, { streams: [{ stream: { job: "chaos" }, values: [["1731405600001000000", "marker"]] }] });
  });
});
