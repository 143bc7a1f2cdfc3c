import { observeViaDashboard, observeViaRtsp, type CameraObservation } from "../clients/cameraState";
import { DashboardClient } from "../clients/dashboardClient";
import { endpointFor } from "../clients/serviceEndpoint";
import { durationMs } from "../model/duration";
import type { ProbeOf } from "../model/probeSchemas";
import type { ProbeContext, ProbeDriver, ProbeResult } from "./ProbeDriver";

type CameraProbe = ProbeOf<"camera">;

/** Every source asked must see the expected state; "unknown" never passes (no answer is not "offline"). */
export function judgeCamera(probe: Pick<CameraProbe, "camera" | "expect">, seen: readonly CameraObservation[]): ProbeResult {
  const ok = seen.length > 0 && seen.every((o) => o.state === probe.expect);
  const states = [...new Set(seen.map((o) => o.state))];
  return {
    ok,
    value: states.length === 1 ? states[0] : states.join("/"),
    detail: `${probe.camera}: ${seen.map((o) => o.detail).join("; ")}${ok ? "" : ` (expected ${probe.expect})`}`,
  };
}

async function evaluate(ctx: ProbeContext, probe: CameraProbe): Promise<ProbeResult> {
  const camera = ctx.inventory.cameras[probe.camera];
  if (camera === undefined) {
    return { ok: false, detail: `no camera "${probe.camera}" in the inventory (known: ${Object.keys(ctx.inventory.cameras).join(", ") || "none"})` };
  }
  const timeoutMs = durationMs(probe.timeout);
  const checks: Promise<CameraObservation>[] = [];
  if (probe.via !== "rtsp") {
    const dashboard = new DashboardClient(endpointFor(ctx.inventory, "dashboard", "dashboard"), { secrets: ctx.secrets, timeoutMs: Math.max(timeoutMs, 10_000) });
    checks.push(observeViaDashboard(dashboard, camera.dashboardId ?? probe.camera, ctx.signal));
  }
  if (probe.via !== "dashboard") checks.push(observeViaRtsp(camera, ctx.secrets, timeoutMs, ctx.signal));
  return judgeCamera(probe, await Promise.all(checks));
}

export const cameraProbe: ProbeDriver<"camera"> = {
  type: "camera",
  evaluate,
  describe: (p) => `camera ${p.camera} ${p.expect} via ${p.via}`,
};
