import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalTransport } from "../../../src/engine/transports/localTransport";
import { TransportError } from "../../../src/engine/transports/Transport";

const t = createLocalTransport("here");

test("argv words reach the program literally, nothing is interpreted", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sc-local-"));
  try {
    const names = ["a;touch pwned", "$(touch pwned)", "`touch pwned`", "q'uo\"te", "new\nline"];
    for (const n of names) assert.equal((await t.exec(["touch", "--", join(dir, n)])).code, 0);
    assert.deepEqual(readdirSync(dir).sort(), [...names].sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("stdout, stderr, exit code and stdin", async () => {
  const r = await t.exec(["sh", "-c", 'cat; echo oops >&2; exit 3'], { stdin: "hello" });
  assert.deepEqual(r, { code: 3, signal: null, stdout: "hello", stderr: "oops\n" });
});

test("a missing command answers 127 like a shell", async () => {
  const r = await t.exec(["surveillance-chaos-no-such-command"]);
  assert.equal(r.code, 127);
});

test("timeout and abort kill the command and reject", async () => {
  const started = Date.now();
  await assert.rejects(t.exec(["sleep", "5"], { timeoutMs: 100 }), (e: unknown) => e instanceof TransportError && /timed out/.test(e.message));
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 100);
  await assert.rejects(t.exec(["sleep", "5"], { signal: ac.signal }), /aborted/);
  assert.ok(Date.now() - started < 2000);
  await assert.rejects(t.exec(["true"], { signal: AbortSignal.abort() }), /aborted/);
});

test("NUL bytes and empty commands are refused", async () => {
  await assert.rejects(t.exec([]), TransportError);
  await assert.rejects(t.exec(["echo", "a\0b"]), /NUL/);
});

test("hasCommand looks the name up on PATH", async () => {
  assert.equal(await t.hasCommand("sh"), true);
  assert.equal(await t.hasCommand("surveillance-chaos-no-such-command"), false);
  assert.equal(await t.hasCommand("/bin/sh"), true);
  assert.equal(await t.hasCommand(""), false);
});

test("render shows the quoted argv", () => {
  assert.equal(t.render(["rm", "-f", "--", "/tmp/a;b"]), "rm -f -- '/tmp/a;b'");
  assert.equal(t.kind, "local");
});
