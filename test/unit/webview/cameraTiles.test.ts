import "./jsdomEnv";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CameraTiles } from "../../../webview/src/cameraTiles";
import { T0, tile } from "./fixtures";

const PIXEL = "data:image/png;base64,iVBORw0KGgo=";

function setup() {
  const root = document.createElement("div");
  const tiles = new CameraTiles(root, () => T0 + 65_000);
  tiles.setCameras([
    { name: "tapo_kitchen", dashboardId: "tapo_kitchen" },
    { name: "tapo_living_room", dashboardId: "tapo_living_room" },
  ]);
  return { root, tiles };
}

const tileEl = (root: HTMLElement, name: string) => root.querySelector<HTMLElement>(`[data-camera="${name}"]`)!;

describe("camera tiles", () => {
  it("draws one tile per inventory camera, waiting for the first check", () => {
    const { root } = setup();
    assert.equal(root.querySelectorAll(".camera-tile").length, 2);
    assert.equal(tileEl(root, "tapo_kitchen").dataset.state, "unknown");
    assert.match(tileEl(root, "tapo_kitchen").textContent!, /waiting for the first check/);
  });

  it("shows state, round-trip time, since when and the last change", () => {
    const { root, tiles } = setup();
    tiles.update([tile({ state: "offline", since: T0 + 5000, lastChange: { from: "online", to: "offline", at: T0 + 5000 }, dashboard: { connected: false, detail: "Status check timed out" }, rtsp: { ok: false, rttMs: null, detail: "connect failed: ETIMEDOUT" } })]);
    const el = tileEl(root, "tapo_kitchen");
    assert.equal(el.dataset.state, "offline");
    assert.equal(el.querySelector(".state-badge")!.textContent, "offline");
    const text = el.textContent!;
    assert.match(text, /not connected/);
    assert.match(text, /Status check timed out/);
    assert.match(text, /RTSPfailed/);
    assert.match(text, /online → offline/);
    assert.match(text, /\(1m ago\)/);
    tiles.update([tile({ rtsp: { ok: true, rttMs: 12.5 } })]);
    assert.match(tileEl(root, "tapo_kitchen").textContent!, /ok in 12\.5ms|ok in 13ms/);
  });

  it("says which source is down instead of going blank, and keeps the last data", () => {
    const { root, tiles } = setup();
    tiles.update([tile()]);
    tiles.setSources([{ source: "dashboard", state: "down", detail: "dashboard at http://127.0.0.1:7777 unreachable: ECONNREFUSED", checkedAt: T0, retryAt: T0 + 2000 }]);
    const el = tileEl(root, "tapo_kitchen");
    const banner = el.querySelector<HTMLElement>(".source-down")!;
    assert.equal(banner.hidden, false);
    assert.match(banner.textContent!, /source down: dashboard/);
    assert.equal(el.dataset.state, "online");
    tiles.setSources([{ source: "dashboard", state: "up", checkedAt: T0 }]);
    assert.equal(el.querySelector<HTMLElement>(".source-down")!.hidden, true);
  });

  it("shows a still frame from a data: URI", () => {
    const { root, tiles } = setup();
    tiles.setStill({ camera: "tapo_kitchen", dataUri: PIXEL, at: T0, via: "dashboard" });
    const img = tileEl(root, "tapo_kitchen").querySelector<HTMLImageElement>("img.still")!;
    assert.equal(img.hidden, false);
    assert.equal(img.getAttribute("src"), PIXEL);
  });

  it("renders camera errors as text, never as markup", () => {
    const { root, tiles } = setup();
    tiles.update([tile({ state: "offline", dashboard: { connected: false, detail: '<img src=x onerror="alert(1)">' } })]);
    const el = tileEl(root, "tapo_kitchen");
    assert.equal(el.querySelectorAll("img:not(.still)").length, 0);
    assert.match(el.textContent!, /<img src=x/);
  });
});
