import * as z from "zod";
import { AlertmanagerClient, type NotificationCounts } from "../clients/alertmanagerClient";
import { endpointFor } from "../clients/serviceEndpoint";
import type { ProbeOf } from "../model/probeSchemas";
import { probeKey, type ProbeContext, type ProbeDriver, type ProbeResult } from "./ProbeDriver";

type NotificationProbe = ProbeOf<"notification">;

/** What `baseline` stores: successful notifications counted just before injection. */
export const NotificationBaselineSchema = z.strictObject({ delivered: z.number(), at: z.number() });
export type NotificationBaseline = z.infer<typeof NotificationBaselineSchema>;

function client(ctx: ProbeContext, probe: NotificationProbe): AlertmanagerClient {
  return new AlertmanagerClient(endpointFor(ctx.inventory, probe.service, "alertmanager"), { secrets: ctx.secrets });
}

/**
 * Deliveries since the baseline. Alertmanager's counters restart at zero when it restarts:
 * a count below the baseline means a reset, and everything counted since is new.
 */
export function deliveredSince(baseline: number, now: NotificationCounts): number {
  return now.delivered >= baseline ? now.delivered - baseline : now.delivered;
}

async function baseline(ctx: ProbeContext, probe: NotificationProbe): Promise<NotificationBaseline> {
  const counts = await client(ctx, probe).notifications(probe.integration, probe.receiver, ctx.signal);
  return { delivered: counts.delivered, at: Date.now() };
}

async function evaluate(ctx: ProbeContext, probe: NotificationProbe): Promise<ProbeResult> {
  const stored = NotificationBaselineSchema.safeParse(ctx.baselines.get(probeKey(probe)));
  if (!stored.success) return { ok: false, detail: "no notification baseline was taken before injection, so deliveries cannot be counted" };
  const am = client(ctx, probe);
  if (probe.alertname !== undefined) {
    const active = await am.alerts({ labels: { alertname: probe.alertname }, active: true, silenced: false, inhibited: false }, ctx.signal);
    if (active.length === 0) return { ok: false, value: 0, detail: `${probe.alertname} is not active in Alertmanager, so no delivery can be for it yet` };
  }
  const counts = await am.notifications(probe.integration, probe.receiver, ctx.signal);
  const delivered = deliveredSince(stored.data.delivered, counts);
  const via = `${probe.integration === "any" ? "any integration" : probe.integration}${probe.receiver ? ` to ${probe.receiver}` : ""}`;
  return {
    ok: delivered >= probe.minDelivered,
    value: delivered,
    detail: `${delivered} notification(s) delivered via ${via} since injection (need ${probe.minDelivered}; ${counts.failed} failed in total)`,
  };
}

export const notificationProbe: ProbeDriver<"notification"> = {
  type: "notification",
  evaluate,
  baseline,
  describe: (p) => `${p.minDelivered} notification(s)${p.alertname ? ` for ${p.alertname}` : ""} via ${p.integration} from ${p.service}`,
};
