import type { Camera } from "../model/inventorySchema";
import type { SecretResolver } from "../probes/ProbeDriver";
import type { DashboardClient } from "./dashboardClient";
import { errorReason } from "./httpClient";
import { rtspCheck } from "./rtspClient";

export type CameraState = "online" | "offline" | "degraded" | "unknown";

/** One look at a camera, from one source. */
export interface CameraObservation {
  source: "dashboard" | "rtsp";
  state: CameraState;
  detail: string;
  /** Our own RTSP round trip (connect → DESCRIBE answered), when measured. */
  roundTripMs?: number;
}

/**
 * RTSP URLs whose credentials a camera refused, in this process. Tapo cameras lock out for
 * 30 minutes after 3–5 failed logins, so a probe polling every second must not keep trying.
 */
const refusedCredentials = new Set<string>();

/** Asks the dashboard's /api/cameras (which checks the camera itself over RTSP every few seconds). */
export async function observeViaDashboard(dashboard: DashboardClient, dashboardId: string, signal?: AbortSignal): Promise<CameraObservation> {
  try {
    const cameras = await dashboard.cameras(signal);
    const cam = cameras.find((c) => c.name === dashboardId);
    if (cam === undefined) {
      return { source: "dashboard", state: "unknown", detail: `dashboard does not list ${dashboardId} (it lists ${cameras.map((c) => c.name).join(", ") || "none"})` };
    }
    return cam.status.connected
      ? { source: "dashboard", state: "online", detail: `dashboard: ${dashboardId} connected` }
      : { source: "dashboard", state: "offline", detail: `dashboard: ${dashboardId} offline (${cam.status.error ?? "no error given"})` };
  } catch (err) {
    return { source: "dashboard", state: "unknown", detail: errorReason(err) };
  }
}

/** Our own OPTIONS + DESCRIBE: 200 (or 401 when we hold no credentials) is online, another answer degraded, none offline. */
export async function observeViaRtsp(camera: Camera, secrets: SecretResolver, timeoutMs: number, signal?: AbortSignal): Promise<CameraObservation> {
  let credentials: { username: string; password: string } | undefined;
  if (camera.credentials !== undefined && !refusedCredentials.has(camera.rtsp)) {
    const password = await secrets(camera.credentials.password.secret);
    if (password === undefined) return { source: "rtsp", state: "unknown", detail: `secret ${camera.credentials.password.secret} is not set` };
    credentials = { username: camera.credentials.username, password };
  }
  try {
    const r = await rtspCheck(camera.rtsp, { timeoutMs, credentials, signal });
    const rtt = `${r.roundTripMs} ms`;
    if (r.status === 200) return { source: "rtsp", state: "online", detail: `RTSP DESCRIBE 200 in ${rtt}`, roundTripMs: r.roundTripMs };
    if (r.status === 401 && r.authenticated) {
      refusedCredentials.add(camera.rtsp);
      return { source: "rtsp", state: "degraded", detail: "camera refused the credentials; not retrying them (cameras lock out after a few failed logins)", roundTripMs: r.roundTripMs };
    }
    if (r.authRequired) {
      const why = camera.credentials === undefined ? "no credentials configured" : "credentials withheld after an earlier refusal";
      return { source: "rtsp", state: "online", detail: `RTSP answered 401 in ${rtt} (${why})`, roundTripMs: r.roundTripMs };
    }
    return { source: "rtsp", state: "degraded", detail: `RTSP DESCRIBE answered ${r.status} ${r.reason} in ${rtt}`, roundTripMs: r.roundTripMs };
  } catch (err) {
    return { source: "rtsp", state: "offline", detail: (err as Error).message };
  }
}
