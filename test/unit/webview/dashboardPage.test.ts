import "./jsdomEnv";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DashboardPage } from "../../../webview/src/dashboardPage";
import { PageMessageSchema, type HostMessage } from "../../../src/shared/webviewProtocol";
import { FakeVsCodeApi } from "./fakeVsCodeApi";
import { runView, tile } from "./fixtures";

const init: HostMessage = {
  type: "init",
  config: {
    refreshMs: 1000,
    cameras: [{ name: "tapo_kitchen", dashboardId: "tapo_kitchen" }],
    queries: [{ id: "default-up", title: "Targets up", expr: "min by (job) (up)", origin: "default" }],
    logQuery: '{app="tapo-camera-mcp"}',
    windowSeconds: 900,
    experimentFile: "/ws/experiments/ct-02.chaos.yaml",
    inventoryName: "lab",
  },
};

function setup(state?: unknown) {
  const root = document.createElement("div");
  const api = new FakeVsCodeApi(state);
  const page = new DashboardPage(root, api);
  return { root, api, page };
}

describe("dashboard page", () => {
  it("announces itself with a valid ready message", () => {
    const { api, page } = setup();
    page.start();
    assert.deepEqual(api.posted, [{ type: "ready" }]);
  });

  it("drops a malformed host message and reports it instead of drawing it", () => {
    const { root, api, page } = setup();
    page.receive(init);
    page.receive({ type: "cameras", tiles: [{ name: "tapo_kitchen", state: "on fire" }] });
    page.receive({ type: "still", still: { camera: "tapo_kitchen", dataUri: "javascript:alert(1)", at: 0, via: "dashboard" } });
    page.receive({ type: "nope" });
    assert.equal(root.querySelector<HTMLElement>('[data-camera="tapo_kitchen"]')!.dataset.state, "unknown");
    assert.equal(root.querySelector("img.still")!.getAttribute("src"), null);
    assert.equal(api.posted.length, 3);
    for (const m of api.posted) {
      assert.ok(PageMessageSchema.safeParse(m).success, "what the page sends is itself valid");
      assert.equal((m as { type: string }).type, "pageError");
    }
  });

  it("routes every kind of message to its section", () => {
    const { root, page } = setup();
    page.receive(init);
    page.receive({ type: "sources", sources: [{ source: "prometheus", state: "up", checkedAt: 1 }, { source: "loki", state: "down", detail: "ECONNREFUSED", checkedAt: 1 }] });
    page.receive({ type: "cameras", tiles: [tile({ state: "degraded" })] });
    page.receive({ type: "series", batch: { queryId: "default-up", mode: "replace", times: [1, 2], series: [{ label: '{job="x"}', values: [1, 0] }] } });
    page.receive({ type: "logs", mode: "replace", entries: [{ tsNs: "1762941600000000000", level: "error", line: "boom", stream: "{}" }] });
    page.receive({ type: "alerts", alerts: [], deliveries: [{ integration: "webhook", sent: 1, failed: 0, lastAt: 5 }] });
    page.receive({ type: "run", run: runView() });
    assert.equal(root.querySelector<HTMLElement>('.source[data-source="loki"]')!.dataset.state, "down");
    assert.equal(root.querySelector<HTMLElement>('[data-camera="tapo_kitchen"]')!.dataset.state, "degraded");
    assert.ok(root.querySelector('[data-query="default-up"] .uplot'));
    assert.equal(root.querySelector(".log-line .log-text")!.textContent, "boom");
    assert.ok(root.querySelector('[data-integration="webhook"]'));
    assert.match(root.querySelector(".run-title")!.textContent!, /CT-02/);
  });

  it("sends the user's actions as typed messages", () => {
    const { root, api, page } = setup();
    page.receive(init);
    page.receive({ type: "run", run: runView() });
    root.querySelector<HTMLElement>(".revert")!.dispatchEvent(new window.MouseEvent("click"));
    root.querySelector<HTMLElement>(".open-journal")!.dispatchEvent(new window.MouseEvent("click"));
    assert.deepEqual(api.posted, [
      { type: "revertFault", runId: "run-1", faultId: "cut-kitchen" },
      { type: "openJournal", runId: "run-1" },
    ]);
  });

  it("keeps its view state for the serializer and restores it", () => {
    const { api, page } = setup();
    page.receive(init);
    page.receive({ type: "run", run: runView() });
    assert.deepEqual(api.state, { version: 1, experimentFile: "/ws/experiments/ct-02.chaos.yaml", runId: "run-1", logFilter: "", logPaused: false, hiddenQueries: [] });
    const restored = setup({ ...(api.state as object), logFilter: "kitchen", logPaused: true });
    assert.equal(restored.root.querySelector<HTMLInputElement>(".log-filter")!.value, "kitchen");
    assert.match(restored.root.querySelector(".log-pause")!.textContent!, /Resume/);
    const garbage = setup({ version: 99, evil: true });
    garbage.page.receive(init);
    assert.equal((garbage.api.state as { version: number }).version, 1, "an unreadable state falls back to defaults");
  });
});
