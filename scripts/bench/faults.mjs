#!/usr/bin/env node
// Faults over SSH (the lab's sshd, 127.0.0.1:2222) with the pooled ssh2 connection, through
// the runner's own code: inject-to-verified (journal, arm the dead-man switch, inject,
// verify) and halt-to-all-reverted (the one revert path: revert in parallel, verify, disarm,
// journal) for 1 and 10 network blackholes, against OpenSSH's `ssh host true` measured in
// the same run. Prints figures and ratios; asserts nothing (machines differ).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/cjs/api";
import { register as registerEsm } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const sshDir = join(root, "lab", ".state", "ssh");
const ROUNDS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`.padStart(10);

function sshdUp() {
  return new Promise((resolve) => {
    const s = connect(2222, "127.0.0.1", () => (s.destroy(), resolve(true)));
    s.on("error", () => resolve(false));
  });
}

if (!(await sshdUp())) {
  console.log("  starting the lab's sshd (labctl up --only ssh-door)");
  const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "lab", "labctl.ts"), "up", "--only", "ssh-door"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0 || !(await sshdUp())) {
    console.log("  the lab's sshd is not available: skipped");
    process.exit(0);
  }
}

// The package is CommonJS loaded through tsx's require hook; the transport pool's lazy
// import() of ssh2/dockerode goes through the ESM loader, so that one is hooked too.
const unregister = register();
const unregisterEsm = registerEsm();
const require = createRequire(import.meta.url);
const src = (p) => require(join(root, "src", p));
const { FaultLedger } = src("engine/run/FaultLedger.ts");
const { RunRecorder } = src("engine/run/RunRecorder.ts");
const { revertActiveFaults } = src("engine/run/revertActiveFaults.ts");
const { JournalWriter } = src("engine/journal/JournalWriter.ts");
const { journalFile } = src("engine/journal/journalPaths.ts");
const { listActiveFaults } = src("engine/journal/journalReader.ts");
const { getFaultDriver } = src("engine/faults/faultRegistry.ts");
const { createTransportPool } = src("engine/transports/transportPool.ts");
const { InventorySchema } = src("engine/model/inventorySchema.ts");
const { NetworkBlackholeFaultSchema } = src("engine/model/faultSchemas.ts");

const transport = { type: "ssh", host: "127.0.0.1", port: 2222, user: "root", keyFile: join(sshDir, "user_ed25519"), knownHostsFile: join(sshDir, "known_hosts") };
const inventory = InventorySchema.parse({ targets: { "hub-ssh": { allowChaos: true, transport } } });
const noSecrets = async () => undefined;

const servers = [];
for (let i = 0; i < 10; i++) {
  const server = createServer((s) => s.end("ok"));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  servers.push({ server, port: server.address().port });
}
const journalDir = mkdtempSync(join(tmpdir(), "sc-bench-faults-"));

try {
  // Baselines: a fresh OpenSSH connection running `true`, and one exec on the warm pooled connection.
  const sshTrue = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = spawnSync("ssh", ["-p", "2222", "-i", transport.keyFile, "-o", `UserKnownHostsFile=${transport.knownHostsFile}`, "-o", "BatchMode=yes", "root@127.0.0.1", "true"]);
    if (r.status !== 0) throw new Error(`ssh true: ${r.stderr.toString()}`);
    sshTrue.push(performance.now() - t0);
  }
  const base = median(sshTrue);
  const warm = createTransportPool(inventory, noSecrets);
  const pooled = [];
  try {
    const t = await warm.get("hub-ssh");
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await t.exec(["true"]);
      pooled.push(performance.now() - t0);
    }
  } finally {
    await warm.closeAll();
  }
  console.log(`baseline (median): ssh -p 2222 … root@127.0.0.1 true ${fmt(base)}; pooled ssh2 exec true ${fmt(median(pooled))} (×${(median(pooled) / base).toFixed(2)} ssh true)`);

  const driver = getFaultDriver("network-blackhole");
  for (const n of [1, 10]) {
    const inject = [];
    const halt = [];
    for (let round = 0; round < ROUNDS; round++) {
      const runId = `BENCH-${n}-${round}-${process.pid}`;
      const pool = createTransportPool(inventory, noSecrets);
      const journal = JournalWriter.open(journalFile(journalDir, runId), runId);
      try {
        const t = await pool.get("hub-ssh");
        journal.write({ type: "run-started", experimentId: "BENCH", title: "bench", component: "bench", file: "-", inventoryFile: "-", host: "-", pid: 0, dryRun: false, variables: {} });
        const ready = servers.slice(0, n).map((s, i) => ({
          fault: NetworkBlackholeFaultSchema.parse({ type: "network-blackhole", target: "hub-ssh", duration: "60s", params: { host: "127.0.0.1", port: s.port, action: "reject" } }),
          faultId: `bh-${i + 1}`,
          targetName: "hub-ssh",
          target: inventory.targets["hub-ssh"],
          driver,
          transport: t,
        }));
        const ledger = new FaultLedger(ready, new RunRecorder(journal, undefined), Date.now, () => {});
        // The runner's path: prepare (reads), journal, arm, inject, verify, one fault after another.
        const t0 = performance.now();
        for (let i = 0; i < n; i++) await ledger.inject(i, AbortSignal.timeout(60_000));
        inject.push(performance.now() - t0);
        if (!ledger.outcomes().every((f) => f.injectionVerified)) throw new Error("an injection was not verified");
      } finally {
        journal.close();
        await pool.closeAll();
      }
      // halt from a fresh process' point of view: read the journal, open a pool, revert all in parallel.
      const h0 = performance.now();
      const active = listActiveFaults(journalDir).filter((f) => f.runId === runId);
      const reports = await revertActiveFaults(active, "halt", { faultDriver: getFaultDriver, createTransports: (inv) => createTransportPool(inv, noSecrets), log: () => {} });
      halt.push(performance.now() - h0);
      if (reports.length !== n || !reports.every((r) => r.verified)) throw new Error(`halt: ${JSON.stringify(reports.map((r) => r.error))}`);
    }
    const i = median(inject);
    const h = median(halt);
    console.log(`${String(n).padStart(2)} fault(s), median of ${ROUNDS}: inject-to-verified ${fmt(i)} (×${(i / base).toFixed(2)} ssh true, ${(i / n).toFixed(1)} ms/fault)   halt-to-all-reverted ${fmt(h)} (×${(h / base).toFixed(2)} ssh true, incl. one SSH handshake)`);
  }
} finally {
  for (const s of servers) s.server.close();
  rmSync(journalDir, { recursive: true, force: true });
  unregister();
  await unregisterEsm();
}
