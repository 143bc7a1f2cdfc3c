import { durationMs } from "../model/duration";
import type { FaultDriver, RevertRecord } from "./FaultDriver";
import { firewallGone, firewallPresent, injectFirewall, prepareFirewall, revertFirewall } from "./firewallFault";
import { resolveOnTarget } from "./networkGuard";
import { injectProxy, parseEndpoint, planProxy, preparedProxy, proxyActive, proxyGone, revertProxy } from "./tcpDelayProxy";

/**
 * SMTP trouble for Alertmanager's email: `refuse` rejects connections to the server's
 * port (blackhole machinery); `delay` puts a delaying relay (the TCP delay proxy) in front
 * of it with a NAT redirect, so every reply from the server arrives `delay` late.
 */
const isProxy = (r: RevertRecord): boolean => "listen" in r;

export const smtpDelayDriver: FaultDriver<"smtp-delay"> = {
  type: "smtp-delay",
  requiredTools: (fault) => (fault.params.mode === "delay" ? ["node", "nft"] : []),
  async prepare(ctx, fault) {
    const { mode, server, delay, relay } = fault.params;
    const up = parseEndpoint(server, "server");
    const addr = (await resolveOnTarget(ctx, up.host))[0] ?? up.host;
    if (mode === "refuse") {
      return prepareFirewall(ctx, "smtp-delay", `refuse SMTP to ${server}`, [{ daddr: addr, port: up.port, protocol: "tcp" }], { kind: "reject" });
    }
    if (relay === undefined) throw new Error("mode delay needs params.relay (host:port for the delaying relay to listen on)");
    const rec = planProxy(ctx, "smtp-delay", relay, `${addr}:${up.port}`, durationMs(delay), 0, true);
    return preparedProxy(ctx, rec, `delay SMTP replies from ${server} by ${durationMs(delay)} ms through a relay on ${relay} (${ctx.targetName})`);
  },
  inject: (ctx, prepared) => (isProxy(prepared.revert) ? injectProxy(ctx, prepared.revert) : injectFirewall(ctx, prepared)),
  verifyInjected: (ctx, prepared) => (isProxy(prepared.revert) ? proxyActive(ctx, prepared.revert) : firewallPresent(ctx, prepared)),
  revert: (ctx, record) => (isProxy(record) ? revertProxy(ctx, record) : revertFirewall(ctx, record)),
  verifyReverted: (ctx, record) => (isProxy(record) ? proxyGone(ctx, record) : firewallGone(ctx, record)),
};
