import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serviceRestartDriver } from "../../../src/engine/faults/serviceRestart";
import { serviceStopDriver } from "../../../src/engine/faults/serviceStop";
import { waitUntil } from "../../../src/engine/faults/faultExec";
import { FaultSchema, type FaultOf } from "../../../src/engine/model/faultSchemas";
import { context, isAlive } from "./faultHarness";

/**
 * Runs the lab's own supervisor (lab/supervisor/main.ts) with a private config in a temp dir,
 * supervising a harmless program, and drives it through the hold-file protocol.
 */
test("service-stop and service-restart through the lab supervisor's hold files", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "sc-supervisor-"));
  const runDir = join(dir, "run");
  const holdDir = join(runDir, "supervisor");
  const marker = `tapo-fake-service-${randomBytes(4).toString("hex")}`;
  const config = {
    logFile: join(dir, "supervisor.log"),
    runDir,
    holdDir,
    healthIntervalMs: 1000,
    healthTimeoutMs: 500,
    startupGraceMs: 1000,
    backoffBaseMs: 100,
    backoffFactor: 2,
    backoffMaxMs: 1000,
    backoffResetMs: 5000,
    stopGraceMs: 2000,
    programs: [{ name: "fake", command: process.execPath, args: ["-e", "setInterval(() => {}, 1e3)", marker], cwd: dir, outputLog: join(dir, "fake.out") }],
  };
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  const supervisor = spawn(process.execPath, ["--import", "tsx", "lab/supervisor/main.ts", join(dir, "config.json")], { stdio: "ignore" });
  const exited = new Promise((r) => supervisor.once("exit", r));
  t.after(async () => {
    supervisor.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  });
  const pidFile = join(runDir, "fake.pid");
  const currentPid = (): number | undefined => (existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) : undefined);
  assert.equal(await waitUntil(async () => currentPid() !== undefined, 10_000, AbortSignal.timeout(10_000)), true, "supervisor started the program");
  const first = currentPid() ?? 0;

  const ctx = context({ supervisorDir: holdDir });
  const stop = FaultSchema.parse({ type: "service-stop", target: "here", params: { service: "fake" } }) as FaultOf<"service-stop">;
  const prepared = await serviceStopDriver.prepare(ctx, stop);
  assert.equal(prepared.revert.plan && (prepared.revert.plan as { manager: string }).manager, "supervisor");
  let started = performance.now();
  await serviceStopDriver.inject(ctx, prepared);
  assert.equal(await serviceStopDriver.verifyInjected(ctx, prepared), true);
  t.diagnostic(`stop → verified ${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(isAlive(first), false);
  assert.equal(readFileSync(join(holdDir, "fake.stopped"), "utf8"), `${ctx.tag}\n`);
  started = performance.now();
  await serviceStopDriver.revert(ctx, prepared.revert);
  assert.equal(await serviceStopDriver.verifyReverted(ctx, prepared.revert), true);
  t.diagnostic(`start → verified ${(performance.now() - started).toFixed(0)} ms`);
  const second = currentPid() ?? 0;
  assert.notEqual(second, first);

  const restart = FaultSchema.parse({ type: "service-restart", target: "here", params: { service: "fake", manager: "supervisor" } }) as FaultOf<"service-restart">;
  const rctx = context({ supervisorDir: holdDir });
  const r = await serviceRestartDriver.prepare(rctx, restart);
  assert.equal(r.revert.before, String(second));
  started = performance.now();
  await serviceRestartDriver.inject(rctx, r);
  assert.equal(await serviceRestartDriver.verifyInjected(rctx, r), true);
  t.diagnostic(`restart → verified ${(performance.now() - started).toFixed(0)} ms`);
  assert.notEqual(currentPid(), second);
  assert.equal(existsSync(join(holdDir, "fake.stopped")), false);
  await serviceRestartDriver.revert(rctx, r.revert);
  assert.equal(await serviceRestartDriver.verifyReverted(rctx, r.revert), true);

  // A hold file someone else created is never removed by our revert.
  writeFileSync(join(holdDir, "fake.stopped"), "operator\n");
  await assert.rejects(serviceStopDriver.revert(ctx, prepared.revert), /not created by this fault/);
  assert.equal(existsSync(join(holdDir, "fake.stopped")), true);
  rmSync(join(holdDir, "fake.stopped"));
});
