import { test } from "node:test";
import assert from "node:assert/strict";
import { getFaultDriver, MissingFaultDriverError } from "../../../src/engine/faults/faultRegistry";
import { processKillDriver } from "../../../src/engine/faults/processKill";
import { processPauseDriver } from "../../../src/engine/faults/processPause";
import { customDriver } from "../../../src/engine/faults/custom";
import { cpuStressDriver } from "../../../src/engine/faults/cpuStress";
import { memoryStressDriver, perWorker } from "../../../src/engine/faults/memoryStress";
import { FaultSchema, type FaultOf } from "../../../src/engine/model/faultSchemas";
import { contextFor, fakeTransport } from "./fakeContext";

const fault = <T extends FaultOf<"process-kill">["type"] | string>(raw: Record<string, unknown> & { type: T }) => FaultSchema.parse({ target: "hub", ...raw });
const PS = "  200     1   200 Sl   python3 -m tapo_camera_mcp.web\n  201     1   201 S    python3 -m tapo_camera_mcp.web --worker\n";
const psOnly = fakeTransport((argv) => (argv[0] === "ps" ? { stdout: PS } : undefined), ["stress-ng", "node"]);

test("the registry hands out drivers and names a missing one", () => {
  assert.equal(getFaultDriver("process-kill").type, "process-kill");
  assert.equal(getFaultDriver("storage-fill").type, "storage-fill");
  const missing = ["network-blackhole", "network-loss", "network-latency", "network-bandwidth", "webhook-drop", "smtp-delay", "container"] as const;
  for (const type of missing) {
    try {
      assert.equal(getFaultDriver(type).type, type);
    } catch (e) {
      assert.ok(e instanceof MissingFaultDriverError);
      assert.equal(e.message, `fault type ${type} has no driver`);
    }
  }
});

test("process-kill prepares the exact kill command and only reads", async () => {
  const t = fakeTransport((argv) => (argv[0] === "ps" ? { stdout: PS } : undefined));
  const f = fault({ type: "process-kill", params: { pattern: "tapo_camera_mcp.web", signal: "SIGTERM" } }) as FaultOf<"process-kill">;
  const p = await processKillDriver.prepare(contextFor(t), f);
  assert.deepEqual(p.commands, ["kill -s TERM -- 200 201"]);
  assert.equal(p.reversible, false);
  assert.deepEqual(t.calls, [["ps", "-ww", "-eo", "pid=,ppid=,pgid=,stat=,args="]]);
});

test("process-pause prepares STOP and CONT", async () => {
  const f = fault({ type: "process-pause", params: { pattern: "--worker" } }) as FaultOf<"process-pause">;
  const p = await processPauseDriver.prepare(contextFor(psOnly), f);
  assert.deepEqual(p.commands, ["kill -s STOP -- 201"]);
  assert.deepEqual(p.revertCommands, ["kill -s CONT -- 201"]);
});

test("custom is refused without confirm and never shell-wrapped", async () => {
  assert.throws(() => fault({ type: "custom", params: { inject: ["x"], revert: ["y"] } }));
  const forged = { type: "custom", target: "hub", duration: 0, params: { inject: ["x"], revert: ["y"], confirm: false } } as unknown as FaultOf<"custom">;
  await assert.rejects(customDriver.prepare(contextFor(psOnly), forged), /confirm/);
  const f = fault({ type: "custom", params: { inject: ["touch", "a;touch pwned"], revert: ["rm", "$(x)"], confirm: true } }) as FaultOf<"custom">;
  const p = await customDriver.prepare(contextFor(psOnly), f);
  assert.deepEqual(p.commands, ["touch 'a;touch pwned'"]);
  assert.deepEqual(p.revertCommands, ["rm '$(x)'"]);
});

test("stress faults are bounded by their duration, stress-ng first, node otherwise", async () => {
  const cpu = fault({ type: "cpu-stress", duration: "3s", params: { workers: 2, load: 50 } }) as FaultOf<"cpu-stress">;
  const p = await cpuStressDriver.prepare(contextFor(psOnly), cpu);
  assert.deepEqual(p.commands, ["timeout --foreground -k 2 8 stress-ng --cpu 2 --cpu-load 50 --timeout 3s"]);
  assert.equal(p.revert.marker, "surveillance-chaos-cpu-t1");
  const nodeOnly = fakeTransport(() => undefined, ["node"]);
  const q = await cpuStressDriver.prepare(contextFor(nodeOnly), cpu);
  assert.match(q.commands[0] ?? "", /^timeout --foreground -k 2 8 node -e '.*' -- cpu 2 50 3000$/s);
  await assert.rejects(cpuStressDriver.prepare(contextFor(fakeTransport(() => undefined)), cpu), /neither stress-ng nor node/);
  const zero = fault({ type: "cpu-stress", params: {} }) as FaultOf<"cpu-stress">;
  await assert.rejects(cpuStressDriver.prepare(contextFor(psOnly), zero), /needs a duration/);
});

test("memory-stress splits the size between stress-ng workers", async () => {
  assert.deepEqual(perWorker("256MiB", 2), { stressNg: `${128 * 1048576}b`, generator: String(256 * 1048576) });
  assert.deepEqual(perWorker("30%", 2), { stressNg: "15%", generator: "30%" });
  const f = fault({ type: "memory-stress", duration: 2, params: { size: "64MiB" } }) as FaultOf<"memory-stress">;
  const p = await memoryStressDriver.prepare(contextFor(psOnly), f);
  assert.deepEqual(p.commands, [`timeout --foreground -k 2 7 stress-ng --vm 1 --vm-bytes ${64 * 1048576}b --vm-hang 0 --timeout 2s`]);
});
