import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { armDeadMan, deadManArmed } from "../../../src/engine/faults/deadManSwitch";
import { getFaultDriver } from "../../../src/engine/faults/faultRegistry";
import { faultTag, sweep, type ActiveFaultRef } from "../../../src/engine/faults/sweep";
import { NetworkBlackholeFaultSchema } from "../../../src/engine/model/faultSchemas";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import { createTransportPool } from "../../../src/engine/transports/transportPool";
import { startSshd, type Sshd } from "../transports/fixtures/sshd";
import { faultContext, okServer, ourRules, tryConnect } from "./fixtures/context";

describe("sweep over SSH with the pooled connection", { timeout: 120_000 }, () => {
  let sshd: Sshd;
  const servers: Awaited<ReturnType<typeof okServer>>[] = [];
  before(async () => {
    sshd = await startSshd();
    for (let i = 0; i < 10; i++) servers.push(await okServer());
  });
  after(async () => {
    for (const s of servers) s.server.close();
    await sshd.stop();
  });

  for (const n of [1, 10]) {
    it(`injects ${n} blackhole(s), then reverts all in parallel from journal-shaped records`, async () => {
      const spec = { type: "ssh" as const, host: "127.0.0.1", port: sshd.port, user: "root", keyFile: sshd.userKey, agent: false, sudo: false, hostKey: sshd.hostFingerprint };
      const inventory = InventorySchema.parse({ targets: { hub: { allowChaos: true, transport: spec } } });
      const pool = createTransportPool(inventory, async () => undefined);
      const driver = getFaultDriver("network-blackhole");
      const active: ActiveFaultRef[] = [];
      try {
        const t = await pool.get("hub");
        const runId = `bench${n}`;
        const t0 = performance.now();
        await Promise.all(
          servers.slice(0, n).map(async (s, i) => {
            const faultId = `bh-${i + 1}`;
            const ctx = faultContext(t, spec, faultTag(runId, faultId));
            const fault = NetworkBlackholeFaultSchema.parse({ type: "network-blackhole", target: "hub", params: { host: "127.0.0.1", port: s.port, action: "reject" } });
            const prepared = await driver.prepare(ctx, fault);
            await armDeadMan(t, ctx.tag, prepared.revertArgv ?? [], 60_000);
            await driver.inject(ctx, prepared);
            assert.equal(await driver.verifyInjected(ctx, prepared), true);
            active.push({ runId, faultId, faultType: "network-blackhole", target: "hub", transport: spec, revert: prepared.revert });
          }),
        );
        const injectMs = performance.now() - t0;
        for (const s of servers.slice(0, n)) assert.equal(await tryConnect(s.port), "ECONNREFUSED");
        const h0 = performance.now();
        const results = await sweep(active, pool);
        const haltMs = performance.now() - h0;
        console.log(`# ${n} fault(s) over SSH: prepare+arm+inject+verify ${injectMs.toFixed(0)} ms, halt-to-all-reverted ${haltMs.toFixed(0)} ms`);
        assert.deepEqual(results.map((r) => [r.verified, r.error]), active.map(() => [true, undefined]));
        for (const s of servers.slice(0, n)) assert.equal(await tryConnect(s.port), "ok");
        assert.equal(await deadManArmed(t, faultTag(runId, "bh-1")), false);
        assert.equal(ourRules(), "");
      } finally {
        await pool.closeAll();
      }
    });
  }

  it("measures a pooled ssh2 exec against OpenSSH's `ssh host true`", async () => {
    const spec = { type: "ssh" as const, host: "127.0.0.1", port: sshd.port, user: "root", keyFile: sshd.userKey, agent: false, sudo: false, hostKey: sshd.hostFingerprint };
    const pool = createTransportPool(InventorySchema.parse({ targets: { hub: { transport: spec } } }), async () => undefined);
    const kh = join(sshd.dir, "known_hosts");
    writeFileSync(kh, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKeyLine}\n`);
    try {
      const t = await pool.get("hub");
      const runs = 10;
      let a = performance.now();
      for (let i = 0; i < runs; i++) assert.equal((await t.exec(["true"])).code, 0);
      const pooled = (performance.now() - a) / runs;
      a = performance.now();
      for (let i = 0; i < runs; i++) {
        const r = spawnSync("ssh", ["-i", sshd.userKey, "-p", String(sshd.port), "-o", `UserKnownHostsFile=${kh}`, "-o", "BatchMode=yes", "root@127.0.0.1", "true"]);
        assert.equal(r.status, 0, r.stderr.toString());
      }
      const openssh = (performance.now() - a) / runs;
      console.log(`# per command: pooled ssh2 exec ${pooled.toFixed(1)} ms, ssh host true ${openssh.toFixed(1)} ms (mean of ${runs})`);
    } finally {
      await pool.closeAll();
    }
  });
});
