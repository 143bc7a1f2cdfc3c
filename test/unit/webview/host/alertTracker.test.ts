import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AlertTracker } from "../../../../src/extension/dashboard/alertFeed";

const T = 1_762_941_600_000;
const labels = { alertname: "CameraOffline", severity: "critical", name: "tapo_kitchen" };
const rows = (t: AlertTracker) => {
  const m = t.message();
  assert.equal(m.type, "alerts");
  return m.type === "alerts" ? m : { alerts: [], deliveries: [] };
};

describe("alert tracker", () => {
  it("follows an alert from pending to firing to resolved, with when each began", () => {
    const t = new AlertTracker();
    t.observe(T, [{ labels, state: "pending", since: T - 2000, receivers: [] }]);
    assert.equal(rows(t).alerts[0]!.state, "pending");
    assert.equal(rows(t).alerts[0]!.pendingAt, T - 2000);
    t.observe(T + 30_000, [{ labels, state: "firing", since: T + 29_000, receivers: ["critical-pager"] }]);
    let a = rows(t).alerts[0]!;
    assert.equal(a.state, "firing");
    assert.equal(a.pendingAt, T - 2000);
    assert.equal(a.firingAt, T + 29_000);
    assert.deepEqual(a.receivers, ["critical-pager"]);
    t.observe(T + 90_000, []);
    a = rows(t).alerts[0]!;
    assert.equal(a.state, "resolved");
    assert.equal(a.resolvedAt, T + 90_000);
  });

  it("starts a fresh life when a resolved alert fires again", () => {
    const t = new AlertTracker();
    t.observe(T, [{ labels, state: "firing", since: T, receivers: [] }]);
    t.observe(T + 1000, []);
    t.observe(T + 5000, [{ labels, state: "firing", since: null, receivers: [] }]);
    const a = rows(t).alerts[0]!;
    assert.equal(a.state, "firing");
    assert.equal(a.firingAt, T + 5000);
    assert.equal(a.resolvedAt, null);
  });

  it("counts notifications from the first look, per integration, and survives a restart", () => {
    const t = new AlertTracker();
    const sample = (integration: string, total: number, failed = 0) => [
      { name: "alertmanager_notifications_total", labels: { integration }, value: total },
      { name: "alertmanager_notifications_failed_total", labels: { integration }, value: failed },
    ];
    t.observeNotifications(T, [...sample("webhook", 5), ...sample("email", 2)]);
    assert.deepEqual(rows(t).deliveries, []);
    t.observeNotifications(T + 1000, [...sample("webhook", 7, 1), ...sample("email", 2)]);
    assert.deepEqual(rows(t).deliveries, [{ integration: "webhook", sent: 2, failed: 1, lastAt: T + 1000 }]);
    t.observeNotifications(T + 2000, [...sample("webhook", 1), ...sample("email", 2)]);
    assert.equal(rows(t).deliveries[0]!.sent, 1, "a counter that went down restarts the count");
  });
});
