import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { deadManArmed } from "../../../src/engine/faults/deadManSwitch";
import { getFaultDriver } from "../../../src/engine/faults/faultRegistry";
import { listActiveFaults } from "../../../src/engine/journal/journalReader";
import { journalFile } from "../../../src/engine/journal/journalPaths";
import { JournalWriter } from "../../../src/engine/journal/JournalWriter";
import { NetworkBlackholeFaultSchema } from "../../../src/engine/model/faultSchemas";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import { FaultLedger, faultTag } from "../../../src/engine/run/FaultLedger";
import { revertActiveFaults } from "../../../src/engine/run/revertActiveFaults";
import { RunRecorder } from "../../../src/engine/run/RunRecorder";
import { createTransportPool } from "../../../src/engine/transports/transportPool";
import { startSshd, type Sshd } from "../transports/fixtures/sshd";
import { okServer, ourRules, tryConnect } from "./fixtures/context";

describe("sweep over SSH with the pooled connection", { timeout: 120_000 }, () => {
  let sshd: Sshd;
  let dir: string;
  const servers: Awaited<ReturnType<typeof okServer>>[] = [];
  before(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), "sc-sweep-"));
    for (let i = 0; i < 10; i++) servers.push(await okServer());
  });
  after(async () => {
    for (const s of servers) s.server.close();
    rmSync(dir, { recursive: true, force: true });
    await sshd.stop();
  });

  for (const n of [1, 10]) {
    it(`injects ${n} blackhole(s) through the runner's ledger, then the one revert path reverts all in parallel from the journal`, async () => {
      const spec = { type: "ssh" as const, host: "127.0.0.1", port: sshd.port, user: "root", keyFile: sshd.userKey, agent: false, sudo: false, hostKey: sshd.hostFingerprint };
      const inventory = InventorySchema.parse({ targets: { hub: { allowChaos: true, transport: spec } } });
      const pool = createTransportPool(inventory, async () => undefined);
      const runId = `sweep-${n}`;
      const journal = JournalWriter.open(journalFile(dir, runId), runId);
      try {
        const transport = await pool.get("hub");
        const driver = getFaultDriver("network-blackhole");
        const ready = servers.slice(0, n).map((s, i) => ({
          fault: NetworkBlackholeFaultSchema.parse({ type: "network-blackhole", target: "hub", duration: "60s", params: { host: "127.0.0.1", port: s.port, action: "reject" } }),
          faultId: `bh-${i + 1}`,
          targetName: "hub",
          target: inventory.targets.hub!,
          driver,
          transport,
        }));
        journal.write({ type: "run-started", experimentId: "SWEEP", title: "sweep", component: "test", file: "-", inventoryFile: "-", host: "-", pid: 0, dryRun: false, variables: {} });
        const ledger = new FaultLedger(ready, new RunRecorder(journal, undefined), Date.now, () => undefined);
        const t0 = performance.now();
        for (let i = 0; i < n; i++) await ledger.inject(i, AbortSignal.timeout(30_000));
        const injectMs = performance.now() - t0;
        for (const s of servers.slice(0, n)) assert.equal(await tryConnect(s.port), "ECONNREFUSED");
        assert.equal(await deadManArmed(transport, faultTag(runId, "bh-1")), true);
        const active = listActiveFaults(dir).filter((f) => f.runId === runId);
        assert.equal(active.length, n);
        const h0 = performance.now();
        const reports = await revertActiveFaults(active, "halt", { faultDriver: getFaultDriver, createTransports: () => pool, log: () => undefined });
        const haltMs = performance.now() - h0;
        console.log(`# ${n} fault(s) over SSH: journal+arm+inject+verify ${injectMs.toFixed(0)} ms, halt-to-all-reverted ${haltMs.toFixed(0)} ms`);
        assert.deepEqual(reports.map((r) => [r.verified, r.by, r.error]), active.map(() => [true, "halt", undefined]));
        for (const s of servers.slice(0, n)) assert.equal(await tryConnect(s.port), "ok");
        const fresh = createTransportPool(inventory, async () => undefined);
        try {
          assert.equal(await deadManArmed(await fresh.get("hub"), faultTag(runId, "bh-1")), false);
        } finally {
          await fresh.closeAll();
        }
        assert.equal(ourRules(), "");
        assert.deepEqual(listActiveFaults(dir).filter((f) => f.runId === runId), []);
      } finally {
        journal.close();
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
