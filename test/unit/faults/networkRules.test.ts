import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chainFor, iptablesPlan, nftPlan, nftRevert } from "../../../src/engine/faults/firewallRules";
import { refuseSelfHarm } from "../../../src/engine/faults/networkGuard";
import { TargetSchema } from "../../../src/engine/model/inventorySchema";
import type { FaultContext } from "../../../src/engine/faults/FaultDriver";

describe("network fault rules", () => {
  it("derives a stable chain per tag and refuses tags that could break a rule", () => {
    assert.equal(chainFor("sc-run1-bh-1"), chainFor("sc-run1-bh-1"));
    assert.notEqual(chainFor("sc-run1-bh-1"), chainFor("sc-run1-bh-2"));
    assert.match(chainFor("sc-run1-bh-1"), /^sc_[0-9a-f]{12}$/);
    for (const bad of ['x" accept', "a b", "a;b", "", "x".repeat(101)]) assert.throws(() => chainFor(bad), /must match/);
  });

  it("builds one nft transaction in our table, tagged, with the ssh exemption before the drops", () => {
    const p = nftPlan("sc-r-f", [{ daddr: "10.0.0.5", port: 443, protocol: "tcp" }], { kind: "reject" }, [22]);
    assert.equal(p.inject.length, 1);
    const [nft, script] = p.inject[0] ?? [];
    assert.equal(nft, "nft");
    const c = chainFor("sc-r-f");
    assert.equal(
      script,
      [
        "add table inet surveillance_chaos",
        `add chain inet surveillance_chaos ${c}_o { type filter hook output priority -5; policy accept; }`,
        `add rule inet surveillance_chaos ${c}_o tcp sport 22 accept comment "sc-r-f"`,
        `add rule inet surveillance_chaos ${c}_o ip daddr 10.0.0.5 tcp dport 443 counter reject with tcp reset comment "sc-r-f"`,
        `add chain inet surveillance_chaos ${c}_f { type filter hook forward priority -5; policy accept; }`,
        `add rule inet surveillance_chaos ${c}_f ip daddr 10.0.0.5 tcp dport 443 counter reject with tcp reset comment "sc-r-f"`,
      ].join("; "),
    );
  });

  it("builds loss, udp and any-protocol port matches", () => {
    const s = (m: Parameters<typeof nftPlan>[1][number], a: Parameters<typeof nftPlan>[2]) => nftPlan("t", [m], a, []).inject[0]?.[1] ?? "";
    assert.match(s({ daddr: "1.2.3.4", protocol: "tcp" }, { kind: "loss", percent: 30 }), /ip daddr 1\.2\.3\.4 meta l4proto tcp counter numgen random mod 100 < 30 drop/);
    assert.match(s({ daddr: "1.2.3.4", port: 53, protocol: "udp" }, { kind: "reject" }), /udp dport 53 counter reject comment/);
    assert.match(s({ daddr: "1.2.3.4", port: 53, protocol: "all" }, { kind: "drop" }), /meta l4proto \{ tcp, udp \} th dport 53 counter drop/);
    assert.match(s({ daddr: "1.2.3.4", protocol: "all" }, { kind: "loss", percent: 100 }), /ip daddr 1\.2\.3\.4 counter drop/);
  });

  it("reverts only its own chains, each on its own, then the table only when empty", () => {
    const c = chainFor("t");
    assert.deepEqual(nftRevert(c).slice(0, 2), [
      ["nft", `flush chain inet surveillance_chaos ${c}_o; delete chain inet surveillance_chaos ${c}_o`],
      ["nft", `flush chain inet surveillance_chaos ${c}_f; delete chain inet surveillance_chaos ${c}_f`],
    ]);
    assert.match(nftRevert(c)[2]?.[2] ?? "", /grep -q .*chain .*\|\| nft delete table inet surveillance_chaos/);
    assert.throws(() => nftRevert("filter"), /not a chain this tool creates/);
  });

  it("builds the iptables fallback with a tagged jump and statistic loss", () => {
    const p = iptablesPlan("sc-x", [{ daddr: "10.0.0.5", port: 80, protocol: "tcp" }], { kind: "loss", percent: 25 }, [2222]);
    const c = chainFor("sc-x").toUpperCase();
    assert.deepEqual(p.inject, [
      ["iptables", "-w", "-N", c],
      ["iptables", "-w", "-A", c, "-p", "tcp", "--sport", "2222", "-m", "comment", "--comment", "sc-x", "-j", "RETURN"],
      ["iptables", "-w", "-A", c, "-d", "10.0.0.5/32", "-p", "tcp", "--dport", "80", "-m", "comment", "--comment", "sc-x", "-m", "statistic", "--mode", "random", "--probability", "0.2500", "-j", "DROP"],
      ["iptables", "-w", "-I", "OUTPUT", "1", "-m", "comment", "--comment", "sc-x", "-j", c],
      ["iptables", "-w", "-I", "FORWARD", "1", "-m", "comment", "--comment", "sc-x", "-j", c],
    ]);
    assert.deepEqual(p.revert.at(-1), ["iptables", "-w", "-X", c]);
  });

  it("refuses to block the SSH transport's own host:port or a protected endpoint", async () => {
    const target = TargetSchema.parse({ transport: { type: "ssh", host: "10.0.0.9", port: 2222, user: "chaos" } });
    const ctx = { target, protect: [{ host: "10.0.0.7", port: 9090 }] } as unknown as FaultContext;
    await assert.rejects(refuseSelfHarm(ctx, [{ daddr: "10.0.0.9", protocol: "tcp" }]), /cut the SSH connection/);
    await assert.rejects(refuseSelfHarm(ctx, [{ daddr: "10.0.0.9", port: 2222, protocol: "all" }]), /cut the SSH connection/);
    await assert.rejects(refuseSelfHarm(ctx, [{ daddr: "10.0.0.7", port: 9090, protocol: "tcp" }]), /protected endpoint/);
    await refuseSelfHarm(ctx, [{ daddr: "10.0.0.9", port: 80, protocol: "tcp" }]);
    await refuseSelfHarm(ctx, [{ daddr: "10.0.0.9", protocol: "udp" }]);
  });
});
