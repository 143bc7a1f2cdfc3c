import type { FaultDriver } from "./FaultDriver";
import { firewallGone, firewallPresent, injectFirewall, prepareFirewall, revertFirewall } from "./firewallFault";
import { resolveOnTarget } from "./networkGuard";

/** Drops or rejects the target's traffic to host[:port] with tagged nftables (or iptables) rules. */
export const networkBlackholeDriver: FaultDriver<"network-blackhole"> = {
  type: "network-blackhole",
  requiredTools: () => [],
  async prepare(ctx, fault) {
    const { host, port, protocol, action } = fault.params;
    const addrs = await resolveOnTarget(ctx, host);
    const matches = addrs.map((daddr) => ({ daddr, port, protocol }));
    const what = `${action} ${protocol} to ${host}${port === undefined ? "" : `:${port}`}`;
    return prepareFirewall(ctx, "network-blackhole", what, matches, { kind: action });
  },
  inject: injectFirewall,
  verifyInjected: firewallPresent,
  revert: revertFirewall,
  verifyReverted: firewallGone,
};
