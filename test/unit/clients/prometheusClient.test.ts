import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PrometheusClient } from "../../../src/engine/clients/prometheusClient";
import { startFakeHttpServer } from "./fakeHttpServer";

// Payloads as Prometheus 2.42 answers them.
const VECTOR = {
  status: "success",
  data: {
    resultType: "vector",
    result: [
      { metric: { __name__: "up", instance: "tapo-camera-mcp-host", job: "tapo-camera-mcp-system", service: "tapo-camera-mcp" }, value: [1731405600.123, "1"] },
      { metric: { __name__: "up", instance: "127.0.0.1:9100", job: "node-exporter" }, value: [1731405600.123, "0"] },
    ],
  },
};
const MATRIX = {
  status: "success",
  data: { resultType: "matrix", result: [{ metric: { job: "x" }, values: [[1731405600, "1"], [1731405615, "NaN"], [1731405630, "+Inf"]] }] },
};
const RULES = {
  status: "success",
  data: {
    groups: [
      {
        name: "tapo-camera-mcp",
        file: "/etc/prometheus/alerts/tapo_camera_rules.yml",
        interval: 30,
        limit: 0,
        evaluationTime: 0.001,
        lastEvaluation: "2025-11-12T10:00:00Z",
        rules: [
          {
            state: "inactive",
            name: "TapoCameraMcpDown",
            query: 'up{job="tapo-camera-mcp-system"} == 0',
            duration: 120,
            labels: { severity: "critical", service: "tapo-camera-mcp" },
            annotations: { summary: "tapo-camera-mcp dashboard is down" },
            alerts: [],
            health: "ok",
            evaluationTime: 0.0004,
            lastEvaluation: "2025-11-12T10:00:00Z",
            type: "alerting",
          },
          { name: "job:up:sum", query: "sum by (job) (up)", labels: {}, health: "ok", type: "recording" },
        ],
      },
    ],
  },
};

describe("PrometheusClient", () => {
  let server: Awaited<ReturnType<typeof startFakeHttpServer>>;
  let client: PrometheusClient;
  before(async () => {
    server = await startFakeHttpServer((req) => {
      const url = new URL(req.url, "http://x");
      if (url.pathname === "/api/v1/query" && url.searchParams.get("query") === "bad(") {
        return { status: 400, body: { status: "error", errorType: "bad_data", error: 'invalid parameter "query": 1:5: parse error: unclosed left parenthesis' } };
      }
      if (url.pathname === "/api/v1/query" && url.searchParams.get("query") === "scalar(1)") return { body: { status: "success", data: { resultType: "scalar", result: [1731405600, "1"] } } };
      if (url.pathname === "/api/v1/query") return { body: VECTOR };
      if (url.pathname === "/api/v1/query_range") return { body: MATRIX };
      if (url.pathname === "/api/v1/rules") return { body: RULES };
      if (url.pathname === "/api/v1/status/buildinfo") return { body: { status: "success", data: { version: "2.42.0", revision: "x", branch: "debian/sid" } } };
      if (url.pathname === "/api/v1/alerts") return { body: { status: "success", data: { alerts: [{ labels: { alertname: "A" }, annotations: {}, state: "pending", activeAt: "2025-11-12T10:00:00Z", value: "0e+00" }] } } };
      return { status: 404, body: "404 page not found" };
    });
    client = new PrometheusClient({ name: "prometheus", url: server.url });
  });
  after(() => server.close());

  it("reads an instant vector as series with ms times", async () => {
    const series = await client.query("up", { timeMs: 1731405600123 });
    assert.equal(series.length, 2);
    assert.deepEqual(series[0]?.samples, [{ t: 1731405600123, v: 1 }]);
    assert.equal(new URL(server.requests.at(-1)!.url, "http://x").searchParams.get("time"), "1731405600.123");
  });

  it("reads a scalar as one unlabelled series", async () => {
    assert.deepEqual(await client.query("scalar(1)"), [{ labels: {}, samples: [{ t: 1731405600000, v: 1 }] }]);
  });

  it("reads a matrix with NaN and +Inf, sending start/end/step", async () => {
    const [s] = await client.queryRange("up", { startMs: 1_000_000, endMs: 1_060_000, stepMs: 15_000 });
    assert.equal(s?.samples.length, 3);
    assert.ok(Number.isNaN(s?.samples[1]?.v));
    assert.equal(s?.samples[2]?.v, Infinity);
    const params = new URL(server.requests.at(-1)!.url, "http://x").searchParams;
    assert.deepEqual([params.get("start"), params.get("end"), params.get("step")], ["1000.000", "1060.000", "15s"]);
  });

  it("reports Prometheus' own error text for a bad query", async () => {
    await assert.rejects(client.query("bad("), /prometheus at http:\/\/127\.0\.0\.1:\d+ rejected \/api\/v1\/query: .*unclosed left parenthesis/);
  });

  it("finds an alerting rule with its for: in seconds", async () => {
    const rule = await client.alertRule("TapoCameraMcpDown");
    assert.equal(rule?.duration, 120);
    assert.equal(await client.alertRule("job:up:sum"), undefined);
  });

  it("gives up by job and build info", async () => {
    assert.deepEqual(await client.upByJob(), [
      { job: "tapo-camera-mcp-system", instance: "tapo-camera-mcp-host", up: true },
      { job: "node-exporter", instance: "127.0.0.1:9100", up: false },
    ]);
    assert.equal((await client.buildInfo()).version, "2.42.0");
    assert.equal((await client.alerts())[0]?.state, "pending");
  });

  it("names the endpoint when the answer has the wrong shape", async () => {
    await assert.rejects(client.targets(), /answered \/api\/v1\/targets with HTTP 404/);
  });
});
