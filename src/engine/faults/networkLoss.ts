import type { FaultDriver } from "./FaultDriver";
import { firewallGone, firewallPresent, injectFirewall, prepareFirewall, revertFirewall } from "./firewallFault";
import { resolveOnTarget } from "./networkGuard";

/** Randomly drops N% of the target's packets to host[:port] (nft numgen, or the iptables statistic match). */
export const networkLossDriver: FaultDriver<"network-loss"> = {
  type: "network-loss",
  requiredTools: () => [],
  async prepare(ctx, fault) {
    const { host, port, protocol, percent } = fault.params;
    const addrs = await resolveOnTarget(ctx, host);
    const matches = addrs.map((daddr) => ({ daddr, port, protocol }));
    const what = `drop ${percent}% of ${protocol} to ${host}${port === undefined ? "" : `:${port}`}`;
    return prepareFirewall(ctx, "network-loss", what, matches, { kind: "loss", percent });
  },
  inject: injectFirewall,
  verifyInjected: firewallPresent,
  revert: revertFirewall,
  verifyReverted: firewallGone,
};
