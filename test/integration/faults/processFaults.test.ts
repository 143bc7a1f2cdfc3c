import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processKillDriver } from "../../../src/engine/faults/processKill";
import { processPauseDriver } from "../../../src/engine/faults/processPause";
import { FaultSchema, type FaultOf } from "../../../src/engine/model/faultSchemas";
import { context, isAlive, procState, spawnVictim } from "./faultHarness";

const kill = (params: Record<string, unknown>) => FaultSchema.parse({ type: "process-kill", target: "here", params }) as FaultOf<"process-kill">;

test("process-kill by pattern: SIGKILL and SIGTERM, verified by waiting for the exit", async (t) => {
  for (const signal of ["SIGKILL", "SIGTERM"]) {
    const victim = spawnVictim();
    t.after(() => victim.child.kill("SIGKILL"));
    const ctx = context();
    const prepared = await processKillDriver.prepare(ctx, kill({ pattern: victim.marker, signal }));
    assert.deepEqual((prepared.revert.victims as { pid: number }[]).map((v) => v.pid), [victim.child.pid]);
    const issued = performance.now();
    await processKillDriver.inject(ctx, prepared);
    assert.equal(await processKillDriver.verifyInjected(ctx, prepared), true);
    const ms = performance.now() - issued;
    t.diagnostic(`${signal}: kill issued → verified in ${ms.toFixed(1)} ms`);
    await victim.exited;
    assert.equal(victim.child.signalCode, signal);
  }
});

test("process-kill by pid file", async (t) => {
  const victim = spawnVictim();
  t.after(() => victim.child.kill("SIGKILL"));
  const dir = mkdtempSync(join(tmpdir(), "sc-pidfile-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const pidFile = join(dir, "victim.pid");
  writeFileSync(pidFile, `${victim.child.pid}\n`);
  const ctx = context();
  const prepared = await processKillDriver.prepare(ctx, kill({ pidFile }));
  await processKillDriver.inject(ctx, prepared);
  assert.equal(await processKillDriver.verifyInjected(ctx, prepared), true);
  await victim.exited;
});

test("process-pause stops (state T) and resumes", async (t) => {
  const victim = spawnVictim();
  t.after(() => victim.child.kill("SIGKILL"));
  const pid = victim.child.pid ?? 0;
  const ctx = context();
  const fault = FaultSchema.parse({ type: "process-pause", target: "here", params: { pattern: victim.marker } }) as FaultOf<"process-pause">;
  const prepared = await processPauseDriver.prepare(ctx, fault);
  await processPauseDriver.inject(ctx, prepared);
  assert.equal(await processPauseDriver.verifyInjected(ctx, prepared), true);
  assert.equal(await procState(pid), "T");
  await processPauseDriver.revert(ctx, prepared.revert);
  assert.equal(await processPauseDriver.verifyReverted(ctx, prepared.revert), true);
  assert.notEqual(await procState(pid), "T");
  assert.equal(isAlive(pid), true);
});
