import type { CameraState, CameraTile, SourceStatus, Still } from "../../src/shared/webviewProtocol";
import { h, icon, replaceChildren } from "./dom";
import { formatAgo, formatClock, formatDuration } from "./format";

const STATE_ICON: Record<CameraState, string> = { online: "pass-filled", offline: "error", degraded: "warning", unknown: "question" };

interface TileView {
  root: HTMLElement;
  badge: HTMLElement;
  still: HTMLImageElement;
  noStill: HTMLElement;
  details: HTMLElement;
  down: HTMLElement;
}

/**
 * One tile per inventory camera: the combined state (dashboard API and our own RTSP round
 * trip), round-trip time, since when, the last change, and a still frame when there is one.
 * When the dashboard or RTSP source is down the tile says so and keeps its last known data.
 */
export class CameraTiles {
  private readonly tiles = new Map<string, TileView>();
  private latest = new Map<string, CameraTile>();
  private down: SourceStatus[] = [];

  constructor(
    private readonly root: HTMLElement,
    private readonly now: () => number = Date.now,
  ) {
    root.classList.add("camera-tiles");
  }

  setCameras(cameras: readonly { name: string; dashboardId: string }[]): void {
    this.tiles.clear();
    this.latest = new Map([...this.latest].filter(([name]) => cameras.some((c) => c.name === name)));
    replaceChildren(this.root);
    if (cameras.length === 0) {
      this.root.appendChild(h("p", { class: "empty" }, "No cameras in the inventory."));
      return;
    }
    for (const camera of cameras) {
      const view = this.createTile(camera.name);
      this.tiles.set(camera.name, view);
      this.root.appendChild(view.root);
      this.render(camera.name);
    }
  }

  update(tiles: readonly CameraTile[]): void {
    for (const tile of tiles) {
      this.latest.set(tile.name, tile);
      this.render(tile.name);
    }
  }

  setStill(still: Still): void {
    const view = this.tiles.get(still.camera);
    if (!view) return;
    view.still.src = still.dataUri;
    view.still.alt = `${still.camera} at ${formatClock(still.at)}`;
    view.still.title = `still from ${still.via} at ${formatClock(still.at)}`;
    view.still.hidden = false;
    view.noStill.hidden = true;
  }

  /** Only the camera sources matter here: the dashboard API, RTSP and the snapshot endpoint. */
  setSources(sources: readonly SourceStatus[]): void {
    this.down = sources.filter((s) => s.state === "down" && (s.source === "dashboard" || s.source === "rtsp" || s.source === "snapshot"));
    for (const name of this.tiles.keys()) this.render(name);
  }

  private createTile(name: string): TileView {
    const badge = h("vscode-badge", { class: "state-badge" });
    const still = h("img", { class: "still", alt: "" }) as HTMLImageElement;
    still.hidden = true;
    const noStill = h("div", { class: "no-still" }, icon("device-camera"), " no still frame yet");
    const details = h("dl", { class: "tile-details" });
    const down = h("div", { class: "source-down", role: "status" });
    down.hidden = true;
    const root = h("article", { class: "camera-tile", "data-camera": name, "data-state": "unknown" }, h("header", {}, h("span", { class: "tile-icon" }), h("span", { class: "tile-name" }, name), badge), still, noStill, details, down);
    return { root, badge, still, noStill, details, down };
  }

  private render(name: string): void {
    const view = this.tiles.get(name);
    if (!view) return;
    const tile = this.latest.get(name);
    const state: CameraState = tile?.state ?? "unknown";
    view.root.dataset.state = state;
    replaceChildren(view.root.querySelector(".tile-icon")!, icon(STATE_ICON[state], state));
    view.badge.textContent = state;
    const now = this.now();
    if (tile) {
      replaceChildren(
        view.details,
        ...row("Dashboard", tile.dashboard.connected === null ? "unknown" : tile.dashboard.connected ? "connected" : "not connected", tile.dashboard.detail),
        ...row("RTSP", tile.rtsp.ok === null ? "unknown" : tile.rtsp.ok ? `ok${tile.rtsp.rttMs === null ? "" : ` in ${formatDuration(tile.rtsp.rttMs)}`}` : "failed", tile.rtsp.detail),
        ...row("Since", tile.since === null ? "—" : `${formatClock(tile.since)} (${formatAgo(tile.since, now)})`),
        ...row("Last change", tile.lastChange === null ? "none seen" : `${tile.lastChange.from} → ${tile.lastChange.to} at ${formatClock(tile.lastChange.at)}`),
      );
    } else {
      replaceChildren(view.details, ...row("State", "waiting for the first check"));
    }
    view.down.hidden = this.down.length === 0;
    replaceChildren(view.down, ...this.down.map((s) => h("div", {}, icon("debug-disconnect"), ` source down: ${s.source}${s.detail ? ` (${s.detail})` : ""}`)));
  }
}

function row(term: string, value: string, detail?: string): HTMLElement[] {
  return [h("dt", {}, term), h("dd", { title: detail }, value, detail ? h("span", { class: "detail" }, ` ${detail}`) : null)];
}
