import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { storageBlockDriver } from "../../../src/engine/faults/storageBlock";
import { storageFillDriver } from "../../../src/engine/faults/storageFill";
import { processKillDriver } from "../../../src/engine/faults/processKill";
import { customDriver } from "../../../src/engine/faults/custom";
import { FaultSchema, type FaultOf } from "../../../src/engine/model/faultSchemas";
import { localContext } from "./fakeContext";

/**
 * Hostile names go through the real local transport: if any reached a shell, `touch pwned`
 * would create a file in the working directory (a temp dir here) or next to them.
 */
const HOSTILE = ["a;touch pwned", "$(touch pwned)", "`touch pwned`", "it's \"quoted\"", "new\nline"];

const work = mkdtempSync(join(tmpdir(), "sc-literal-"));
process.chdir(work);
test.after(() => {
  process.chdir(tmpdir());
  rmSync(work, { recursive: true, force: true });
});

const noPwned = (): void => {
  assert.equal(existsSync(join(work, "pwned")), false);
  for (const name of HOSTILE) if (existsSync(join(work, name))) assert.equal(existsSync(join(work, name, "pwned")), false);
};

test("storage-block and its revert act on the directory named literally", async () => {
  for (const name of HOSTILE) {
    const dir = join(work, name);
    mkdirSync(dir, { mode: 0o751 });
    const f = FaultSchema.parse({ type: "storage-block", target: "here", params: { path: dir } }) as FaultOf<"storage-block">;
    const ctx = localContext();
    const p = await storageBlockDriver.prepare(ctx, f);
    await storageBlockDriver.inject(ctx, p);
    assert.equal(await storageBlockDriver.verifyInjected(ctx, p), true);
    assert.equal(statSync(dir).mode & 0o777, 0);
    await storageBlockDriver.revert(ctx, p.revert);
    assert.equal(await storageBlockDriver.verifyReverted(ctx, p.revert), true);
    assert.equal(statSync(dir).mode & 0o777, 0o751);
  }
  noPwned();
});

test("storage-fill's dry run names the filler literally and touches nothing", async () => {
  const dir = join(work, HOSTILE[0] ?? "");
  const before = readdirSync(dir);
  const f = FaultSchema.parse({ type: "storage-fill", target: "here", params: { path: dir, leaveFree: "0", safetyFloor: "0" } }) as FaultOf<"storage-fill">;
  const p = await storageFillDriver.prepare(localContext({}, "lit"), f);
  assert.match(p.commands[0] ?? "", /'.*a;touch pwned\/\.surveillance-chaos-fill-lit'$/);
  assert.deepEqual(readdirSync(dir), before);
  noPwned();
});

test("a pattern with shell syntax is matched literally (here: nothing)", async () => {
  for (const pattern of HOSTILE) {
    const f = FaultSchema.parse({ type: "process-kill", target: "here", params: { pattern: `${pattern}-${process.pid}-absent` } }) as FaultOf<"process-kill">;
    await assert.rejects(processKillDriver.prepare(localContext(), f), /no live process matches/);
  }
  noPwned();
});

test("custom argv words are passed literally", async () => {
  const target = join(work, "custom-$(touch pwned);x");
  const f = FaultSchema.parse({
    type: "custom",
    target: "here",
    params: { inject: ["touch", "--", target], revert: ["rm", "--", target], verify: ["test", "-e", target], confirm: true },
  }) as FaultOf<"custom">;
  const ctx = localContext();
  const p = await customDriver.prepare(ctx, f);
  await customDriver.inject(ctx, p);
  assert.equal(await customDriver.verifyInjected(ctx, p), true);
  assert.equal(existsSync(target), true);
  await customDriver.revert(ctx, p.revert);
  assert.equal(await customDriver.verifyReverted(ctx, p.revert), true);
  noPwned();
});
