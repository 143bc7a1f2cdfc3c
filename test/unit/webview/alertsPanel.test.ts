import "./jsdomEnv";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AlertsPanel } from "../../../webview/src/alertsPanel";
import type { AlertRow } from "../../../src/shared/webviewProtocol";
import { T0 } from "./fixtures";

const alert = (over: Partial<AlertRow>): AlertRow => ({
  key: "k",
  alertname: "CameraOffline",
  severity: "critical",
  labels: { alertname: "CameraOffline", severity: "critical", name: "tapo_kitchen" },
  state: "pending",
  pendingAt: T0 + 20_000,
  firingAt: null,
  resolvedAt: null,
  receivers: [],
  ...over,
});

describe("alerts panel", () => {
  it("shows pending → firing → resolved with times since the injection", () => {
    const root = document.createElement("div");
    const panel = new AlertsPanel(root);
    panel.setInjectedAt(T0);
    panel.update([alert({ state: "firing", firingAt: T0 + 80_000, receivers: ["critical-pager"] })], []);
    const row = root.querySelector<HTMLElement>(".alert-row")!;
    assert.equal(row.dataset.state, "firing");
    assert.equal(row.querySelector(".t-pending")!.textContent, "+20s");
    assert.equal(row.querySelector(".t-firing")!.textContent, "+1m20s");
    assert.equal(row.querySelector(".t-resolved")!.textContent, "—");
    assert.match(row.textContent!, /critical-pager/);
    assert.match(row.textContent!, /name=tapo_kitchen/);
    assert.match(root.querySelector("thead")!.textContent!, /since injection/);
    panel.update([alert({ state: "resolved", firingAt: T0 + 80_000, resolvedAt: T0 + 200_000 })], []);
    assert.equal(root.querySelector(".t-resolved")!.textContent, "+3m20s");
  });

  it("orders firing before pending before resolved", () => {
    const root = document.createElement("div");
    const panel = new AlertsPanel(root);
    panel.update([alert({ key: "a", alertname: "A", state: "resolved" }), alert({ key: "b", alertname: "B", state: "pending" }), alert({ key: "c", alertname: "C", state: "firing" })], []);
    assert.deepEqual(
      [...root.querySelectorAll<HTMLElement>(".alert-row")].map((r) => r.dataset.alert),
      ["C", "B", "A"],
    );
  });

  it("lists deliveries seen per integration, with failures", () => {
    const root = document.createElement("div");
    const panel = new AlertsPanel(root);
    panel.update([], [{ integration: "webhook", sent: 3, failed: 1, lastAt: T0 + 95_000 }]);
    const d = root.querySelector<HTMLElement>('[data-integration="webhook"]')!;
    assert.match(d.textContent!, /webhook: 2 delivered, 1 failed/);
    assert.match(root.textContent!, /No alerts pending or firing/);
  });
});
