import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { PrometheusClient } from "../../../src/engine/clients/prometheusClient";
import { endpointFor } from "../../../src/engine/clients/serviceEndpoint";
import { ProbeSchema } from "../../../src/engine/model/probeSchemas";
import { evaluateProbe } from "../../../src/engine/probes/probeRegistry";
import { ensureLab, labContext, labInventory, until } from "./probeLab";

describe("Prometheus probes against the lab's real Prometheus", { timeout: 120_000 }, () => {
  const prometheus = new PrometheusClient(endpointFor(labInventory, "prometheus"));
  before(() => ensureLab("prometheus", "supervisor"));

  it("instant query: the dashboard is up", async () => {
    const probe = ProbeSchema.parse({ type: "prometheus", query: 'up{job="tapo-camera-mcp-system"}', compare: { op: "==", value: 1 } });
    const r = await until(() => evaluateProbe(labContext(), probe), 30_000);
    assert.equal(r.ok, true, r.detail);
    assert.equal(r.value, 1);
  });

  it("range query over up, with gap detection", async () => {
    const probe = ProbeSchema.parse({ type: "prometheus", query: "up", range: "20s", step: "1s", compare: { op: ">=", value: 0 }, maxGap: "10s" });
    const r = await evaluateProbe(labContext(), probe);
    assert.equal(r.ok, true, r.detail);
    const series = await prometheus.queryRange("up", { startMs: Date.now() - 20_000, endMs: Date.now(), stepMs: 1000 });
    assert.ok(series.length >= 2 && (series[0]?.samples.length ?? 0) > 1, "up has several series with several samples");
  });

  it("empty answers follow the empty policy", async () => {
    const q = 'up{job="no-such-job"}';
    assert.equal((await evaluateProbe(labContext(), ProbeSchema.parse({ type: "prometheus", query: q }))).ok, false);
    assert.equal((await evaluateProbe(labContext(), ProbeSchema.parse({ type: "prometheus", query: q, empty: "pass" }))).ok, true);
  });

  it("a bad query is ok:false with Prometheus' reason", async () => {
    const r = await evaluateProbe(labContext(), ProbeSchema.parse({ type: "prometheus", query: "sum(" }));
    assert.equal(r.ok, false);
    assert.match(r.detail, /rejected \/api\/v1\/query: .*parse error/);
  });

  it("rules include TapoCameraMcpDown with its for:", async () => {
    const rule = await prometheus.alertRule("TapoCameraMcpDown");
    assert.ok(rule, "rule loaded");
    assert.equal(rule.labels.severity, "critical");
    assert.ok((rule.duration ?? 0) > 0);
  });

  it("helpers: up by job, camera health, targets, build info, flags", async () => {
    const up = await prometheus.upByJob();
    assert.ok(up.some((u) => u.job === "tapo-camera-mcp-system"));
    const cams = await until(async () => {
      const c = await prometheus.cameraHealth();
      return { ok: c.length === 2, c };
    }, 30_000);
    assert.deepEqual(cams.c.map((c) => c.name).sort(), ["tapo_kitchen", "tapo_living_room"]);
    assert.ok((await prometheus.targets()).some((t) => t.scrapePool === "tapo-camera-mcp-system"));
    assert.match((await prometheus.buildInfo()).version, /^\d+\.\d+/);
    assert.equal(typeof (await prometheus.flags())["web.enable-lifecycle"], "string");
  });
});
