import { errorReason } from "../clients/httpClient";
import type { Probe, ProbeOf, ProbeType } from "../model/probeSchemas";
import { alertProbe } from "./alertProbe";
import { cameraProbe } from "./cameraProbe";
import { containerProbe } from "./containerProbe";
import { httpProbe } from "./httpProbe";
import { lokiProbe } from "./lokiProbe";
import { notificationProbe } from "./notificationProbe";
import { processProbe } from "./processProbe";
import { prometheusProbe } from "./prometheusProbe";
import type { ProbeContext, ProbeDriver, ProbeResult } from "./ProbeDriver";

/** One driver per probe type; the mapped type makes a missing type a compile error. */
export const probeDrivers: { readonly [T in ProbeType]: ProbeDriver<T> } = {
  prometheus: prometheusProbe,
  alert: alertProbe,
  notification: notificationProbe,
  http: httpProbe,
  loki: lokiProbe,
  camera: cameraProbe,
  process: processProbe,
  container: containerProbe,
};

export function getProbeDriver<T extends ProbeType>(type: T): ProbeDriver<T> {
  return probeDrivers[type];
}

/** "prometheus: up == 0 on prometheus", for timelines and dry runs. */
export function describeProbe(probe: Probe): string {
  return (getProbeDriver(probe.type) as ProbeDriver<ProbeType>).describe(probe as ProbeOf<ProbeType>);
}

/** Evaluates a probe and never throws: any failure (service down, bad answer, cancelled) is ok:false with the reason. */
export async function evaluateProbe(ctx: ProbeContext, probe: Probe): Promise<ProbeResult> {
  if (ctx.signal.aborted) return { ok: false, detail: "cancelled before the probe ran" };
  try {
    return await (getProbeDriver(probe.type) as ProbeDriver<ProbeType>).evaluate(ctx, probe as ProbeOf<ProbeType>);
  } catch (err) {
    return { ok: false, detail: errorReason(err) };
  }
}

/** Captures a probe's baseline when its driver has one (undefined otherwise); errors propagate, since a run without its baseline must not inject. */
export async function captureBaseline(ctx: ProbeContext, probe: Probe): Promise<unknown> {
  const driver = getProbeDriver(probe.type) as ProbeDriver<ProbeType>;
  return driver.baseline === undefined ? undefined : driver.baseline(ctx, probe as ProbeOf<ProbeType>);
}
