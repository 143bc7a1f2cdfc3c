import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { storageBlockDriver } from "../../../src/engine/faults/storageBlock";
import { storageFillDriver } from "../../../src/engine/faults/storageFill";
import { FaultSchema, type FaultOf } from "../../../src/engine/model/faultSchemas";
import { context } from "./faultHarness";

const MiB = 1048576;

test("storage-fill fills a real 20 MiB tmpfs to 90 %, refuses past the floor, and reverts only its file", async (t) => {
  const mnt = mkdtempSync(join(tmpdir(), "sc-tmpfs-"));
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=20m", "tmpfs", mnt]);
  t.after(() => {
    spawnSync("umount", [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  });
  const dir = join(mnt, "rec;$(touch pwned)");
  mkdirSync(dir);
  const fault = (params: Record<string, unknown>) => FaultSchema.parse({ type: "storage-fill", target: "here", params: { path: dir, ...params } }) as FaultOf<"storage-fill">;
  const ctx = context();

  await assert.rejects(storageFillDriver.prepare(ctx, fault({ percent: 95, safetyFloor: "2MiB" })), /safety floor/);
  const prepared = await storageFillDriver.prepare(ctx, fault({ percent: 90, safetyFloor: "1MiB" }));
  const started = performance.now();
  await storageFillDriver.inject(ctx, prepared);
  assert.equal(await storageFillDriver.verifyInjected(ctx, prepared), true);
  t.diagnostic(`fill 18 MiB: inject → verified in ${(performance.now() - started).toFixed(1)} ms`);
  const fs = statfsSync(mnt);
  const usedPct = 100 * (1 - fs.bavail / fs.blocks);
  assert.ok(usedPct >= 89 && usedPct <= 91, `used ${usedPct}%`);
  assert.deepEqual(readdirSync(dir), [`.surveillance-chaos-fill-${ctx.tag}`]);

  await storageFillDriver.revert(ctx, prepared.revert);
  assert.equal(await storageFillDriver.verifyReverted(ctx, prepared.revert), true);
  assert.deepEqual(readdirSync(dir), []);
  assert.ok(statfsSync(mnt).bavail * statfsSync(mnt).bsize > 19 * MiB);
  assert.equal(existsSync(join(mnt, "pwned")), false);
});

test("storage-block removes every permission and restores the exact mode and owner", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "sc-block-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  chownSync(dir, 65534, 65534);
  chmodSync(dir, 0o2750);
  const fault = FaultSchema.parse({ type: "storage-block", target: "here", params: { path: dir } }) as FaultOf<"storage-block">;
  const ctx = context();
  const prepared = await storageBlockDriver.prepare(ctx, fault);
  assert.deepEqual(prepared.revert, { type: "storage-block", path: dir, mode: "2750", uid: 65534, gid: 65534 });
  await storageBlockDriver.inject(ctx, prepared);
  assert.equal(await storageBlockDriver.verifyInjected(ctx, prepared), true);
  // The owner itself (not root, which bypasses permissions) can no longer write there.
  const blocked = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "touch", join(dir, "x")]);
  assert.notEqual(blocked.status, 0);

  // Simulate drift of the owner while blocked: revert must restore it too.
  chownSync(dir, 0, 0);
  await storageBlockDriver.revert(ctx, prepared.revert);
  assert.equal(await storageBlockDriver.verifyReverted(ctx, prepared.revert), true);
  const st = statSync(dir);
  assert.equal(st.mode & 0o7777, 0o2750);
  assert.equal(st.uid, 65534);
  assert.equal(st.gid, 65534);
  const allowed = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "touch", join(dir, "x")]);
  assert.equal(allowed.status, 0, allowed.stderr.toString());
});
