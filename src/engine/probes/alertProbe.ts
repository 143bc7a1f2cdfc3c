import { AlertmanagerClient } from "../clients/alertmanagerClient";
import { PrometheusClient } from "../clients/prometheusClient";
import { endpointFor } from "../clients/serviceEndpoint";
import type { ProbeOf } from "../model/probeSchemas";
import type { ProbeContext, ProbeDriver, ProbeResult } from "./ProbeDriver";

type AlertProbe = ProbeOf<"alert">;
/** An alert as either source reports it, reduced to what the probe judges. */
interface SeenAlert {
  labels: Record<string, string>;
  state: "firing" | "pending" | "suppressed";
  since?: string;
}

const hasLabels = (a: SeenAlert, wanted: Record<string, string>) => Object.entries(wanted).every(([k, v]) => a.labels[k] === v);

/** Judges the alerts that carry the probe's name and labels against the wanted state. */
export function judgeAlerts(probe: Pick<AlertProbe, "alertname" | "labels" | "state" | "source">, alerts: readonly SeenAlert[]): ProbeResult {
  const wanted = { ...probe.labels, alertname: probe.alertname };
  const matching = alerts.filter((a) => hasLabels(a, wanted));
  const name = `${probe.alertname}${Object.keys(probe.labels).length ? `{${Object.entries(probe.labels).map(([k, v]) => `${k}="${v}"`).join(",")}}` : ""}`;
  const where = probe.source === "alertmanager" ? "in Alertmanager" : "in Prometheus";
  if (probe.state === "inactive") {
    const active = matching.find((a) => a.state !== "suppressed");
    return active === undefined
      ? { ok: true, value: "inactive", detail: `${name} is not active ${where}` }
      : { ok: false, value: active.state, detail: `${name} is ${active.state} ${where}${active.since ? ` since ${active.since}` : ""}` };
  }
  const hit = matching.find((a) => a.state === probe.state);
  if (hit !== undefined) return { ok: true, value: hit.state, detail: `${name} is ${hit.state} ${where}${hit.since ? ` since ${hit.since}` : ""}` };
  const other = matching[0];
  if (other !== undefined) return { ok: false, value: other.state, detail: `${name} is ${other.state} ${where}, expected ${probe.state}` };
  return { ok: false, value: "inactive", detail: `${name} is not active ${where}, expected ${probe.state}` };
}

async function fromAlertmanager(ctx: ProbeContext, probe: AlertProbe): Promise<SeenAlert[]> {
  const client = new AlertmanagerClient(endpointFor(ctx.inventory, probe.service ?? "alertmanager", "alertmanager"), { secrets: ctx.secrets });
  const alerts = await client.alerts({ labels: { ...probe.labels, alertname: probe.alertname } }, ctx.signal);
  // Alertmanager only holds alerts Prometheus already fires: "active" is firing and routed, "suppressed" silenced or inhibited.
  return alerts.map((a) => ({ labels: a.labels, state: a.status.state === "suppressed" ? "suppressed" : "firing", since: a.startsAt }));
}

async function fromPrometheus(ctx: ProbeContext, probe: AlertProbe): Promise<SeenAlert[]> {
  const client = new PrometheusClient(endpointFor(ctx.inventory, probe.service ?? "prometheus", "prometheus"), { secrets: ctx.secrets });
  const alerts = await client.alerts(ctx.signal);
  return alerts
    .filter((a) => a.state !== "inactive")
    .map((a) => ({ labels: a.labels, state: a.state === "pending" ? "pending" : "firing", since: a.activeAt }));
}

async function evaluate(ctx: ProbeContext, probe: AlertProbe): Promise<ProbeResult> {
  if (probe.source === "alertmanager" && probe.state === "pending") {
    return { ok: false, detail: `Alertmanager never sees pending alerts; use source: prometheus to wait for ${probe.alertname} pending` };
  }
  const alerts = probe.source === "alertmanager" ? await fromAlertmanager(ctx, probe) : await fromPrometheus(ctx, probe);
  return judgeAlerts(probe, alerts);
}

export const alertProbe: ProbeDriver<"alert"> = {
  type: "alert",
  evaluate,
  describe: (p) => `alert ${p.alertname} ${p.state} in ${p.service ?? p.source}`,
};
