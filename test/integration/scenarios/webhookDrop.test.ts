/**
 * "Drop webhook connectivity" against the lab's real Alertmanager: the engine's webhook-drop
 * driver rejects the hub's connections to the pager webhook; a critical alert posted to
 * Alertmanager then fails to notify (its own alertmanager_notifications_failed_total rises),
 * other traffic on the hub is untouched, and once the rule is gone Alertmanager's retry
 * delivers the page. The test alert is resolved, and its resolved page awaited, so no
 * stray delivery reaches a later test's window.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { labUp } from "../../../lab/labApi.js";
import { labPorts, labUrl } from "../../../lab/ports.js";
import { AlertmanagerClient } from "../../../src/engine/clients/alertmanagerClient";
import { endpointFor } from "../../../src/engine/clients/serviceEndpoint";
import { WebhookDropFaultSchema } from "../../../src/engine/model/faultSchemas";
import { labInventory } from "../probes/probeLab";
import { eventually, hubFaults, metricRisesAbove, metricSum, quiet, since, webhookRecord, type InjectedFault } from "./scenarioSupport";

const faults = hubFaults("sc-scenario-webhook");
const am = new AlertmanagerClient(endpointFor(labInventory, "alertmanager"));
const alertname = `ChaosWebhookDropTest_${randomBytes(4).toString("hex")}`;
// severity critical: the pager route, a webhook; a service of its own so it groups alone.
const labels = { alertname, severity: "critical", service: "surveillance-chaos-tests" };
const pagerUrl = labUrl(labPorts.sinksHttp, "/pager");
const amMetrics = labUrl(labPorts.alertmanager, "/metrics");
let drop: InjectedFault | undefined;

before(async () => {
  await labUp({ only: ["alertmanager", "sinks"], log: quiet });
});

after(async () => {
  try {
    if (drop !== undefined) assert.equal(await drop.revert(), true, "the webhook drop could not be reverted");
  } finally {
    await faults.close();
  }
});

test("webhook-drop makes the pager unreachable from the hub until reverted; Alertmanager's retry then delivers", { timeout: 120_000 }, async () => {
  const t0 = performance.now();
  const since0 = Date.now();
  const failedBefore = await metricSum(amMetrics, "alertmanager_notifications_failed_total");

  drop = await faults.inject(WebhookDropFaultSchema.parse({ type: "webhook-drop", target: "hub", params: { endpoints: [pagerUrl], action: "reject" } }));
  assert.match(drop.prepared.summary, new RegExp(`reject webhooks 127\\.0\\.0\\.1:${labPorts.sinksHttp}`));
  // Only the webhook's host:port is cut: Alertmanager's own API still answers.
  assert.match((await am.status()).config.original, /critical-pager/);

  await am.postAlerts([{ labels, annotations: { summary: "webhook-drop integration test" }, startsAt: new Date().toISOString() }]);
  const failedAfter = await metricRisesAbove(amMetrics, "alertmanager_notifications_failed_total", failedBefore, 30_000);
  const failedMs = since(t0);

  assert.equal(await drop.revert(), true, "the rule is gone after revert");
  drop = undefined;
  const revertedMs = since(t0);
  const page = await eventually("the page delivered after the revert", () => webhookRecord("/pager", since0, alertname, "firing", { severity: "critical" }), 60_000, 500);
  assert.equal(page.body.receiver, "critical-pager");
  const deliveredMs = since(t0);

  await am.postAlerts([{ labels, endsAt: new Date().toISOString() }]);
  await eventually("the resolved page", () => webhookRecord("/pager", since0, alertname, "resolved"), 60_000, 500);
  console.log(
    `webhook-drop: failed notifications ${failedBefore} → ${failedAfter} at +${failedMs} ms, reverted at +${revertedMs} ms, page delivered at +${deliveredMs} ms`,
  );
});
