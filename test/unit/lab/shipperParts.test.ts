import assert from "node:assert/strict";
import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { FileTailer } from "../../../lab/shipper/fileTailer.js";
import { levelOf } from "../../../lab/shipper/levelLabel.js";

test("levels from both log formats of the dashboard", () => {
  assert.equal(levelOf("2025-11-12 10:00:00,123 - tapo_camera_mcp.core.x - WARNING - Device tapo_kitchen went offline: timeout"), "WARNING");
  assert.equal(levelOf('{"timestamp":"2025-11-12T10:00:00Z","level":"error","message":"x"}'), "ERROR");
  assert.equal(levelOf("plain text"), undefined);
});

test("tailer: waits for the file, keeps partial lines, restarts on truncation and rotation", async () => {
  const dir = await mkdtemp(join(tmpdir(), "tailer-"));
  try {
    const file = join(dir, "app.log");
    const t = new FileTailer(file, undefined);
    assert.deepEqual((await t.poll(1024)).lines, []);
    assert.equal(t.active, false);
    await writeFile(file, "one\ntw");
    assert.deepEqual((await t.poll(1024)).lines, ["one"]);
    await appendFile(file, "o\n");
    assert.deepEqual((await t.poll(1024)).lines, ["two"]);
    await truncate(file, 0);
    await appendFile(file, "three\n");
    assert.deepEqual((await t.poll(1024)).lines, ["three"]);
    await rename(file, `${file}.1`);
    await writeFile(file, "four\n");
    assert.deepEqual((await t.poll(1024)).lines, ["four"]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
