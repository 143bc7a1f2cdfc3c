import { test } from "node:test";
import assert from "node:assert/strict";
import { matchPattern, parsePs, selectProcesses } from "../../../src/engine/faults/processSelector";
import { contextFor, fakeTransport } from "./fakeContext";

const PS = [
  "    1     0     1 Ss   /sbin/init",
  "  100     1   100 S    node supervisor.js",
  "  200   100   200 Sl   python3 -m tapo_camera_mcp.web --port 7777",
  "  201   100   201 Z    [python3] <defunct>",
  "  300     1   300 S    surveillance-chaos run ct-01 tapo_camera_mcp.web",
  "  301   300   300 R    ps -ww -eo pid=,ppid=,pgid=,stat=,args=",
  "  400     1   400 S    sh -c echo $(touch pwned); x.*y",
  "  500     1   500 S    grep a?b",
].join("\n");

test("parsePs reads every column, args with spaces", () => {
  const list = parsePs(PS);
  assert.equal(list.length, 8);
  assert.deepEqual(list[2], { pid: 200, ppid: 100, pgid: 200, stat: "Sl", args: "python3 -m tapo_camera_mcp.web --port 7777" });
});

test("a pattern matches literally, never as a regex", () => {
  const list = parsePs(PS);
  assert.deepEqual(matchPattern(list, "x.*y", undefined).map((p) => p.pid), [400]);
  assert.deepEqual(matchPattern(list, "tapo.camera", undefined), []);
  assert.deepEqual(matchPattern(list, "$(touch pwned)", undefined).map((p) => p.pid), [400]);
  // A newline in a pattern matches ps' "?" rendering of control characters.
  assert.deepEqual(matchPattern(list, "a\nb", undefined).map((p) => p.pid), [500]);
});

test("our own process, its ancestors, the ps helper and zombies are never selected", () => {
  const list = parsePs(PS);
  assert.deepEqual(matchPattern(list, "tapo_camera_mcp.web", undefined).map((p) => p.pid), [200, 300]);
  assert.deepEqual(matchPattern(list, "tapo_camera_mcp.web", 301).map((p) => p.pid), [200]);
  assert.deepEqual(matchPattern(list, "pid=", undefined), []);
  assert.deepEqual(matchPattern(list, "python3", undefined).map((p) => p.pid), [200]);
});

test("pid files and units resolve through the target; nothing found is an error", async () => {
  const t = fakeTransport((argv) => {
    if (argv[0] === "ps") return { stdout: PS };
    if (argv[0] === "cat") return { stdout: "200\n" };
    if (argv[0] === "systemctl") return { stdout: "0\n" };
    return undefined;
  });
  const ctx = contextFor(t);
  assert.deepEqual((await selectProcesses(ctx, { pidFile: "/run/a b.pid" })).map((p) => p.pid), [200]);
  assert.deepEqual(t.calls[1], ["cat", "--", "/run/a b.pid"]);
  await assert.rejects(selectProcesses(ctx, { unit: "dash.service" }), /has no main process/);
  await assert.rejects(selectProcesses(ctx, { pattern: "nothing-like-this" }), /no live process matches pattern "nothing-like-this"/);
});
