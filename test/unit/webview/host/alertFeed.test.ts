import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AlertmanagerClient } from "../../../../src/engine/clients/alertmanagerClient";
import type { PrometheusClient } from "../../../../src/engine/clients/prometheusClient";
import { AlertFeed } from "../../../../src/extension/dashboard/alertFeed";
import type { HostMessage } from "../../../../src/shared/webviewProtocol";

const rule = { alertname: "CameraOffline", name: "tapo_kitchen", severity: "critical" };

/** Clients answering from the current `prom` and `am` lists, as the lab's Prometheus and Alertmanager would. */
function feedWith(state: { prom: unknown[]; am: unknown[] }) {
  const prometheus = { alerts: async () => state.prom } as unknown as PrometheusClient;
  const alertmanager = { alerts: async () => state.am, metrics: async () => [] } as unknown as AlertmanagerClient;
  const posted: HostMessage[] = [];
  return { feed: new AlertFeed(alertmanager, prometheus, (m) => posted.push(m)), posted };
}

describe("alert feed", () => {
  it("keeps pending → firing as one row when Alertmanager adds Prometheus' external labels", async () => {
    const state: { prom: unknown[]; am: unknown[] } = { prom: [{ labels: rule, state: "pending", activeAt: "2026-12-03T19:36:29Z" }], am: [] };
    const { feed } = feedWith(state);
    await feed.poll(1000, new AbortController().signal);
    state.prom = [{ labels: rule, state: "firing", activeAt: "2026-12-03T19:36:29Z" }];
    state.am = [{ labels: { ...rule, site: "lab" }, startsAt: "2026-12-03T19:36:34Z", receivers: [{ name: "critical-pager" }] }];
    await feed.poll(2000, new AbortController().signal);
    const msg = feed.tracker.message();
    assert.equal(msg.type, "alerts");
    if (msg.type !== "alerts") return;
    assert.equal(msg.alerts.length, 1, JSON.stringify(msg.alerts));
    const [row] = msg.alerts;
    assert.equal(row!.state, "firing");
    assert.equal(row!.pendingAt, Date.parse("2026-12-03T19:36:29Z"));
    assert.equal(row!.firingAt, Date.parse("2026-12-03T19:36:34Z"));
    assert.deepEqual(row!.receivers, ["critical-pager"]);

    state.prom = [];
    state.am = [];
    await feed.poll(3000, new AbortController().signal);
    const done = feed.tracker.message();
    assert.ok(done.type === "alerts" && done.alerts.length === 1 && done.alerts[0]!.state === "resolved");
  });
});
