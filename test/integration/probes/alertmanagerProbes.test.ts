import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { AlertmanagerClient } from "../../../src/engine/clients/alertmanagerClient";
import { endpointFor } from "../../../src/engine/clients/serviceEndpoint";
import { ProbeSchema } from "../../../src/engine/model/probeSchemas";
import { probeKey } from "../../../src/engine/probes/ProbeDriver";
import { captureBaseline, evaluateProbe } from "../../../src/engine/probes/probeRegistry";
import { ensureLab, labContext, labInventory, until } from "./probeLab";

describe("Alertmanager probes against the lab's real Alertmanager", { timeout: 120_000 }, () => {
  const am = new AlertmanagerClient(endpointFor(labInventory, "alertmanager"));
  // A unique name, and a severity no rule uses, so the test alert goes to the default (email) route and nothing else counts it.
  const alertname = `ChaosProbeTest_${randomBytes(4).toString("hex")}`;
  const labels = { alertname, severity: "probe-test", service: "surveillance-chaos-tests" };
  before(() => ensureLab("alertmanager", "sinks"));
  after(async () => {
    // Resolve the test alert so it leaves Alertmanager at once.
    await am.postAlerts([{ labels, endsAt: new Date().toISOString() }]);
  });

  it("sees a posted alert firing, with its labels, then the email delivered", async () => {
    const notification = ProbeSchema.parse({ type: "notification", integration: "email" });
    const ctx = labContext();
    ctx.baselines.set(probeKey(notification), await captureBaseline(ctx, notification));

    const startsAt = new Date();
    await am.postAlerts([{ labels, annotations: { summary: "probe integration test" }, startsAt: startsAt.toISOString(), endsAt: new Date(Date.now() + 60_000).toISOString() }]);

    const firing = ProbeSchema.parse({ type: "alert", alertname, labels: { severity: "probe-test" } });
    const r = await until(() => evaluateProbe(ctx, firing), 10_000, 200);
    assert.equal(r.ok, true, r.detail);
    assert.match(r.detail, new RegExp(`${alertname}\\{severity="probe-test"\\} is firing in Alertmanager`));

    const wrongLabel = ProbeSchema.parse({ type: "alert", alertname, labels: { severity: "critical" } });
    assert.equal((await evaluateProbe(ctx, wrongLabel)).ok, false);

    const started = Date.now();
    const delivered = await until(() => evaluateProbe(ctx, notification), 30_000, 250);
    assert.equal(delivered.ok, true, delivered.detail);
    console.log(`# notification seen ${Date.now() - started} ms after the alert was posted: ${delivered.detail}`);
  });

  it("an alert no one fires is inactive, and Alertmanager has no pending state", async () => {
    assert.equal((await evaluateProbe(labContext(), ProbeSchema.parse({ type: "alert", alertname: "NoSuchAlert", state: "inactive" }))).ok, true);
    const pending = await evaluateProbe(labContext(), ProbeSchema.parse({ type: "alert", alertname: "NoSuchAlert", state: "pending" }));
    assert.match(pending.detail, /use source: prometheus/);
  });

  it("the Prometheus source reads /api/v1/alerts", async () => {
    // Other tests break the shared lab on purpose, so only an alert no rule defines has a known state.
    await ensureLab("prometheus");
    const inactive = await evaluateProbe(labContext(), ProbeSchema.parse({ type: "alert", source: "prometheus", alertname: "NoSuchAlert", state: "inactive" }));
    assert.equal(inactive.ok, true, inactive.detail);
    const firing = await evaluateProbe(labContext(), ProbeSchema.parse({ type: "alert", source: "prometheus", alertname: "NoSuchAlert" }));
    assert.deepEqual(firing, { ok: false, value: "inactive", detail: "NoSuchAlert is not active in Prometheus, expected firing" });
  });

  it("status answers with the version and config", async () => {
    const status = await am.status();
    assert.equal(status.cluster.status.length > 0, true);
    assert.match(status.config.original, /critical-pager/);
  });
});
