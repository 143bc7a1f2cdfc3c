import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDf, planFill, storageFillDriver } from "../../../src/engine/faults/storageFill";
import { parseStat, restoreArgvs, storageBlockDriver } from "../../../src/engine/faults/storageBlock";
import { resolveService, stopCommands } from "../../../src/engine/faults/serviceManager";
import { serviceStopDriver } from "../../../src/engine/faults/serviceStop";
import { parseSize } from "../../../src/engine/faults/sizes";
import { FaultSchema, type FaultOf } from "../../../src/engine/model/faultSchemas";
import { contextFor, fakeTransport } from "./fakeContext";

const MiB = 1048576;

test("sizes", () => {
  assert.equal(parseSize("0"), 0);
  assert.equal(parseSize("10MiB"), 10 * MiB);
  assert.equal(parseSize("10M"), 10 * MiB);
  assert.equal(parseSize("10MB"), 10_000_000);
  assert.equal(parseSize("1G"), 1024 ** 3);
  assert.throws(() => parseSize("1T"));
});

test("df and the fill plan: target, safety floor, already full", () => {
  const vol = parseDf("Filesystem 1-blocks Used Available Capacity Mounted on\ntmpfs 104857600 4194304 100663296 4% /mnt/x\n");
  assert.deepEqual(vol, { size: 100 * MiB, used: 4 * MiB, avail: 96 * MiB });
  assert.deepEqual(planFill(vol, { percent: 90 }, "0"), { bytes: 86 * MiB, targetAvail: 10 * MiB });
  assert.deepEqual(planFill(vol, { leaveFree: "16MiB" }, "1MiB"), { bytes: 80 * MiB, targetAvail: 16 * MiB });
  assert.throws(() => planFill(vol, { percent: 99 }, "5MiB"), /below the safety floor/);
  assert.throws(() => planFill(vol, { leaveFree: "200MiB" }, "0"), /free already/);
  assert.deepEqual(planFill(vol, { percent: 100 }, "0", "96MiB"), { bytes: 96 * MiB, targetAvail: 0 });
  assert.throws(() => planFill(vol, { percent: 100 }, "0", "64MiB"), /more than maxFill 64\.0MiB: is the path on the volume you meant/);
});

test("storage-fill prepares a tagged filler and only reads", async () => {
  const t = fakeTransport((argv) => {
    if (argv[0] === "test" && argv[1] === "-e") return { code: 1 };
    if (argv[0] === "df") return { stdout: "F 1 U A C M\ntmpfs 104857600 4194304 100663296 4% /x\n" };
    return undefined;
  }, ["fallocate"]);
  const f = FaultSchema.parse({ type: "storage-fill", target: "h", params: { path: "/data/a;touch pwned", percent: 90 } }) as FaultOf<"storage-fill">;
  const p = await storageFillDriver.prepare(contextFor(t, {}, "run1-f1"), f);
  assert.deepEqual(p.commands, [`fallocate -l ${86 * MiB} -- '/data/a;touch pwned/.surveillance-chaos-fill-run1-f1'`]);
  assert.deepEqual(p.revertCommands, ["rm -f -- '/data/a;touch pwned/.surveillance-chaos-fill-run1-f1'"]);
  assert.deepEqual(t.calls.map((c) => c[0]), ["test", "test", "df"]);
  const rel = FaultSchema.parse({ type: "storage-fill", target: "h", params: { path: "data", percent: 90 } }) as FaultOf<"storage-fill">;
  await assert.rejects(storageFillDriver.prepare(contextFor(t), rel), /absolute/);
});

test("storage-block records exact mode and owner and restores both", async () => {
  assert.deepEqual(parseStat("2750 1000 33 directory\n"), { mode: "2750", uid: 1000, gid: 33, isDirectory: true });
  assert.deepEqual(parseStat("644 0 0 regular empty file"), { mode: "644", uid: 0, gid: 0, isDirectory: false });
  const record = { type: "storage-block" as const, path: "/d/$(x)", mode: "2750", uid: 1000, gid: 33 };
  assert.deepEqual(restoreArgvs(record), [
    ["chown", "1000:33", "--", "/d/$(x)"],
    ["chmod", "02750", "--", "/d/$(x)"],
  ]);
  const blocked = fakeTransport(() => ({ stdout: "2000 0 0 directory" }));
  const f = FaultSchema.parse({ type: "storage-block", target: "h", params: { path: "/d" } }) as FaultOf<"storage-block">;
  await assert.rejects(storageBlockDriver.prepare(contextFor(blocked), f), /mode 000 already/);
  const file = fakeTransport(() => ({ stdout: "644 0 0 regular file" }));
  await assert.rejects(storageBlockDriver.prepare(contextFor(file), f), /not a directory/);
});

const svc = (manager: string) =>
  FaultSchema.parse({ type: "service-stop", target: "h", params: { service: "dashboard", manager } }) as FaultOf<"service-stop">;

test("service manager: supervisor needs an absolute supervisorDir; auto falls back to it", async () => {
  const noSystemd = fakeTransport((argv) => (argv[0] === "test" ? { code: 1 } : undefined));
  await assert.rejects(resolveService(contextFor(noSystemd), svc("auto").params), /no labels.supervisorDir/);
  await assert.rejects(resolveService(contextFor(noSystemd, { supervisorDir: "lab/run" }), svc("supervisor").params), /absolute/);
  const plan = await resolveService(contextFor(noSystemd, { supervisorDir: "/lab/run/supervisor" }), svc("auto").params);
  assert.deepEqual(plan, { manager: "supervisor", service: "dashboard", holdFile: "/lab/run/supervisor/dashboard.stopped", pidFile: "/lab/run/dashboard.pid" });
  assert.deepEqual(stopCommands(plan, "tag-1"), [
    { argv: ["mkdir", "-p", "--", "/lab/run/supervisor"] },
    { argv: ["tee", "--", "/lab/run/supervisor/dashboard.stopped"], stdin: "tag-1\n" },
  ]);
  const docker = await resolveService(contextFor(noSystemd, { dockerHost: "unix:///x.sock" }), svc("docker").params);
  assert.deepEqual(stopCommands(docker, "t")[0]?.argv, ["docker", "-H", "unix:///x.sock", "stop", "--", "dashboard"]);
});

test("service-stop refuses a service that is not running or already held", async () => {
  const down = fakeTransport((argv) => (argv[0] === "cat" ? { code: 1, stderr: "No such file" } : undefined));
  const ctx = contextFor(down, { supervisorDir: "/lab/run/supervisor" });
  await assert.rejects(serviceStopDriver.prepare(ctx, svc("supervisor")), /not running/);
  const held = fakeTransport((argv) => {
    if (argv[0] === "ps") return { stdout: "  42     1    42 S    python3 dash" };
    if (argv[0] === "cat") return { stdout: argv[2]?.endsWith(".pid") ? "42\n" : "someone-else\n" };
    return undefined;
  });
  await assert.rejects(serviceStopDriver.prepare(contextFor(held, { supervisorDir: "/lab/run/supervisor" }), svc("supervisor")), /already has a hold file/);
});
