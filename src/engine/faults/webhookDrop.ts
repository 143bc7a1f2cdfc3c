import type { FaultDriver } from "./FaultDriver";
import { firewallGone, firewallPresent, injectFirewall, prepareFirewall, revertFirewall } from "./firewallFault";
import { resolveOnTarget } from "./networkGuard";

/** The host:port each webhook URL connects to (default ports by scheme). */
export function webhookEndpoint(url: string): { host: string; port: number } {
  const u = new URL(url);
  const port = u.port !== "" ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
  return { host: u.hostname, port };
}

/** Cuts the target's (Alertmanager's) connections to the Slack/pager webhooks with the blackhole machinery. */
export const webhookDropDriver: FaultDriver<"webhook-drop"> = {
  type: "webhook-drop",
  requiredTools: () => [],
  async prepare(ctx, fault) {
    const endpoints = fault.params.endpoints.map(webhookEndpoint);
    const matches = [];
    for (const e of endpoints) for (const daddr of await resolveOnTarget(ctx, e.host)) matches.push({ daddr, port: e.port, protocol: "tcp" as const });
    const what = `${fault.params.action} webhooks ${endpoints.map((e) => `${e.host}:${e.port}`).join(", ")}`;
    return prepareFirewall(ctx, "webhook-drop", what, matches, { kind: fault.params.action });
  },
  inject: injectFirewall,
  verifyInjected: firewallPresent,
  revert: revertFirewall,
  verifyReverted: firewallGone,
};
