import { observeViaRtsp, type CameraObservation } from "../../engine/clients/cameraState";
import type { DashboardCamera, DashboardClient } from "../../engine/clients/dashboardClient";
import type { Camera } from "../../engine/model/inventorySchema";
import type { SecretResolver } from "../../engine/probes/ProbeDriver";
import type { CameraState, CameraTile, HostMessage } from "../../shared/webviewProtocol";

export interface WatchedCamera {
  name: string;
  dashboardId: string;
  camera: Camera;
}

/** Both sources agree → that state; one knows → its state; they disagree → degraded. */
export function combineStates(dashboard: CameraState, rtsp: CameraState): CameraState {
  if (dashboard === "unknown") return rtsp;
  if (rtsp === "unknown" || rtsp === dashboard) return dashboard;
  return "degraded";
}

interface Latest {
  dashboard: { connected: boolean | null; detail?: string };
  rtsp: { ok: boolean | null; rttMs: number | null; detail?: string; state: CameraState };
  state: CameraState;
  since: number | null;
  lastChange: CameraTile["lastChange"];
  checkedAt: number;
  /** Which sources have answered for this camera at least once. */
  seen: { dashboard: boolean; rtsp: boolean };
  /** The current state was judged with every source's answer (not a first impression). */
  complete: boolean;
}

/**
 * What each camera looks like, from the dashboard's /api/cameras (one request for all) and
 * from our own RTSP round trip per camera, and since when it has looked that way. The two
 * sources are polled (and backed off) separately; every update re-sends all tiles.
 */
export class CameraBoard {
  private readonly latest = new Map<string, Latest>();

  constructor(
    readonly cameras: readonly WatchedCamera[],
    private readonly post: (msg: HostMessage) => void,
    /** Whether the dashboard is asked at all (without it, RTSP alone decides). */
    private readonly withDashboard = true,
  ) {
    for (const c of cameras) {
      this.latest.set(c.name, { dashboard: { connected: null }, rtsp: { ok: null, rttMs: null, state: "unknown" }, state: "unknown", since: null, lastChange: null, checkedAt: 0, seen: { dashboard: false, rtsp: false }, complete: false });
    }
  }

  /** The dashboard's answer for every camera; `undefined` when the dashboard itself could not be asked. */
  fromDashboard(now: number, listed: readonly DashboardCamera[] | undefined, detail?: string): void {
    for (const c of this.cameras) {
      const cam = listed?.find((d) => d.name === c.dashboardId);
      const l = this.latest.get(c.name)!;
      l.dashboard =
        listed === undefined
          ? { connected: null, detail }
          : cam === undefined
            ? { connected: null, detail: `not listed by the dashboard` }
            : { connected: cam.status.connected, detail: cam.status.connected ? undefined : (cam.status.error ?? undefined) };
      l.seen.dashboard = true;
      this.settle(now, c.name);
    }
    this.publish();
  }

  fromRtsp(now: number, name: string, o: CameraObservation): void {
    const l = this.latest.get(name);
    if (!l) return;
    l.rtsp = { ok: o.state === "unknown" ? null : o.state === "online", rttMs: o.roundTripMs ?? null, detail: o.state === "online" ? undefined : o.detail, state: o.state };
    l.seen.rtsp = true;
    this.settle(now, name);
  }

  publish(): void {
    this.post(this.message());
  }

  message(): HostMessage {
    return {
      type: "cameras",
      tiles: this.cameras.map((c) => {
        const l = this.latest.get(c.name)!;
        return {
          name: c.name,
          dashboardId: c.dashboardId,
          state: l.state,
          since: l.since,
          lastChange: l.lastChange,
          dashboard: { connected: l.dashboard.connected, detail: l.dashboard.detail?.slice(0, 300) },
          rtsp: { ok: l.rtsp.ok, rttMs: l.rtsp.rttMs, detail: l.rtsp.detail?.slice(0, 300) },
          checkedAt: l.checkedAt,
        };
      }),
    };
  }

  private settle(now: number, name: string): void {
    const l = this.latest.get(name)!;
    const dash: CameraState = l.dashboard.connected === null ? "unknown" : l.dashboard.connected ? "online" : "offline";
    const state = combineStates(dash, l.rtsp.state);
    // Until every source has answered once, a state is a first impression, not a change.
    const complete = l.seen.rtsp && (l.seen.dashboard || !this.withDashboard);
    if (state !== l.state) {
      if (l.state !== "unknown" && l.complete) l.lastChange = { from: l.state, to: state, at: now };
      l.state = state;
      l.since = now;
    }
    l.complete = complete;
    l.checkedAt = now;
  }
}

/** One request for all cameras; the dashboard being unreachable (or timing out its list) is this feed's failure. */
export class DashboardCamerasFeed {
  constructor(
    private readonly client: DashboardClient,
    private readonly board: CameraBoard,
  ) {}

  async poll(now: number, signal: AbortSignal): Promise<void> {
    try {
      this.board.fromDashboard(now, await this.client.cameras(signal));
    } catch (err) {
      this.board.fromDashboard(now, undefined, "dashboard unreachable");
      throw err;
    }
  }
}

/**
 * Our own RTSP OPTIONS + DESCRIBE per camera, in parallel. A camera not answering is the
 * camera being offline, not the source failing, so this feed does not back off.
 */
export class RtspFeed {
  constructor(
    private readonly board: CameraBoard,
    private readonly secrets: SecretResolver,
    private readonly timeoutMs: number,
  ) {}

  async poll(now: number, signal: AbortSignal): Promise<void> {
    await Promise.all(
      this.board.cameras.map(async (c) => {
        const o = await observeViaRtsp(c.camera, this.secrets, this.timeoutMs, signal);
        this.board.fromRtsp(now, c.name, o);
      }),
    );
    this.board.publish();
  }
}
