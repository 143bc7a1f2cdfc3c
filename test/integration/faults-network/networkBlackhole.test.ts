import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { networkBlackholeDriver } from "../../../src/engine/faults/networkBlackhole";
import { networkLossDriver } from "../../../src/engine/faults/networkLoss";
import { NetworkBlackholeFaultSchema, NetworkLossFaultSchema } from "../../../src/engine/model/faultSchemas";
import { createLocalTransport } from "../../../src/engine/transports/localTransport";
import { createSshTransport } from "../../../src/engine/transports/sshTransport";
import type { SshTransportSpec } from "../../../src/engine/transports/transportPool";
import { startSshd, type Sshd } from "../transports/fixtures/sshd";
import { faultContext, okServer, ourRules, tryConnect } from "./fixtures/context";

describe("network blackhole and loss with real nftables", { timeout: 60_000 }, () => {
  let srv: Awaited<ReturnType<typeof okServer>>;
  before(async () => (srv = await okServer()));
  after(() => srv.server.close());

  for (const action of ["reject", "drop"] as const) {
    it(`${action}s a loopback port locally, then reverts to nothing of ours`, async () => {
      const t = createLocalTransport("local");
      const ctx = faultContext(t, { type: "local" }, `sc-test-bh-${action}`);
      const fault = NetworkBlackholeFaultSchema.parse({ type: "network-blackhole", target: "local", params: { host: "127.0.0.1", port: srv.port, action } });
      assert.equal(await tryConnect(srv.port), "ok");
      const prepared = await networkBlackholeDriver.prepare(ctx, fault);
      assert.match(prepared.commands[0] ?? "", /^nft 'add table inet surveillance_chaos; /);
      const t0 = performance.now();
      await networkBlackholeDriver.inject(ctx, prepared);
      assert.equal(await networkBlackholeDriver.verifyInjected(ctx, prepared), true);
      console.log(`# inject-to-verified (${action}, local): ${(performance.now() - t0).toFixed(1)} ms`);
      assert.equal(await tryConnect(srv.port), action === "reject" ? "ECONNREFUSED" : "TIMEOUT");
      await networkBlackholeDriver.revert(ctx, prepared.revert);
      assert.equal(await networkBlackholeDriver.verifyReverted(ctx, prepared.revert), true);
      assert.equal(await tryConnect(srv.port), "ok");
      assert.equal(ourRules(), "");
    });
  }

  it("drops about the given share of packets with numgen loss", async () => {
    const t = createLocalTransport("local");
    const ctx = faultContext(t, { type: "local" }, "sc-test-loss");
    const fault = NetworkLossFaultSchema.parse({ type: "network-loss", target: "local", params: { host: "127.0.0.1", port: srv.port, percent: 99 } });
    const prepared = await networkLossDriver.prepare(ctx, fault);
    assert.ok(prepared.commands[0]?.includes("numgen random mod 100 < 99 drop"));
    await networkLossDriver.inject(ctx, prepared);
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => tryConnect(srv.port, 400)));
      assert.ok(results.filter((r) => r === "TIMEOUT").length >= 3, results.join(","));
    } finally {
      await networkLossDriver.revert(ctx, prepared.revert);
    }
    assert.equal(await networkLossDriver.verifyReverted(ctx, prepared.revert), true);
    assert.equal(ourRules(), "");
  });

  describe("over SSH", () => {
    let sshd: Sshd;
    let spec: SshTransportSpec;
    before(async () => {
      sshd = await startSshd();
      spec = { type: "ssh", host: "127.0.0.1", port: sshd.port, user: "root", keyFile: sshd.userKey, agent: false, sudo: false, hostKey: sshd.hostFingerprint };
    });
    after(async () => sshd.stop());

    it("refuses to block the transport's own host:port, and a protected Prometheus", async () => {
      const t = await createSshTransport("hub", spec, faultContext(createLocalTransport("x"), spec, "x").target, async () => undefined);
      try {
        const ctx = { ...faultContext(t, spec, "sc-test-self"), protect: [{ host: "127.0.0.1", port: 9090 }] };
        for (const params of [{ host: "127.0.0.1", port: sshd.port }, { host: "127.0.0.1" }, { host: "localhost", port: 9090 }]) {
          const fault = NetworkBlackholeFaultSchema.parse({ type: "network-blackhole", target: "hub", params });
          await assert.rejects(networkBlackholeDriver.prepare(ctx, fault), /refusing to block 127\.0\.0\.1/);
        }
        const ok = NetworkBlackholeFaultSchema.parse({ type: "network-blackhole", target: "hub", params: { host: "127.0.0.1", port: srv.port, action: "reject" } });
        const prepared = await networkBlackholeDriver.prepare(ctx, ok);
        assert.match(prepared.commands[0] ?? "", /^ssh root@127\.0\.0\.1 -p \d+ -- /);
        await networkBlackholeDriver.inject(ctx, prepared);
        assert.equal(await tryConnect(srv.port), "ECONNREFUSED");
        assert.equal((await t.exec(["true"])).code, 0, "the SSH connection survives the blackhole");
        await networkBlackholeDriver.revert(ctx, prepared.revert);
        assert.equal(await networkBlackholeDriver.verifyReverted(ctx, prepared.revert), true);
        assert.equal(ourRules(), "");
      } finally {
        await t.close();
      }
    });
  });
});
