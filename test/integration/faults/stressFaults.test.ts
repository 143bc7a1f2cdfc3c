import { test } from "node:test";
import assert from "node:assert/strict";
import { cpuStressDriver } from "../../../src/engine/faults/cpuStress";
import { memoryStressDriver } from "../../../src/engine/faults/memoryStress";
import { findTagged } from "../../../src/engine/faults/taggedProcess";
import { FaultSchema, type FaultOf } from "../../../src/engine/model/faultSchemas";
import type { FaultContext } from "../../../src/engine/faults/FaultDriver";
import { createLocalTransport } from "../../../src/engine/transports/localTransport";
import type { Transport } from "../../../src/engine/transports/Transport";
import { context } from "./faultHarness";

/** The local machine as if stress-ng were not installed: the bundled load generator runs instead. */
function withoutStressNg(): Transport {
  const local = createLocalTransport("here");
  return { ...local, hasCommand: async (name) => name !== "stress-ng" && (await local.hasCommand(name)) };
}

const cpu = FaultSchema.parse({ type: "cpu-stress", target: "here", duration: "2s", params: { workers: 1, load: 60 } }) as FaultOf<"cpu-stress">;
const mem = FaultSchema.parse({ type: "memory-stress", target: "here", duration: "2s", params: { size: "32MiB" } }) as FaultOf<"memory-stress">;

async function cleanup(ctx: FaultContext, marker: string): Promise<void> {
  const left = await findTagged(ctx, marker);
  for (const p of left) process.kill(p.pid, "SIGKILL");
}

for (const [label, transport] of [
  ["stress-ng", () => createLocalTransport("here")],
  ["load generator", withoutStressNg],
] as const) {
  test(`cpu-stress (${label}) runs tagged for its duration and ends by itself`, async (t) => {
    const ctx = context({}, transport());
    const p = await cpuStressDriver.prepare(ctx, cpu);
    assert.equal(p.revert.tool, label === "stress-ng" ? "stress-ng" : "node");
    const marker = String(p.revert.marker);
    t.after(() => cleanup(ctx, marker));
    const started = performance.now();
    await cpuStressDriver.inject(ctx, p);
    assert.equal(await cpuStressDriver.verifyInjected(ctx, p), true);
    t.diagnostic(`inject → verified ${(performance.now() - started).toFixed(0)} ms`);
    // Ends on its own: no revert needed for that.
    assert.equal(await cpuStressDriver.verifyReverted(ctx, p.revert), true);
    const ended = performance.now() - started;
    t.diagnostic(`ended by itself after ${ended.toFixed(0)} ms`);
    assert.ok(ended >= 1500 && ended < 5000, `${ended} ms`);
  });

  test(`memory-stress (${label}) is stopped early by revert, and only ours`, async (t) => {
    const other = context({}, transport());
    const ctx = context({}, transport());
    const bystander = await cpuStressDriver.prepare(other, cpu);
    t.after(() => cleanup(other, String(bystander.revert.marker)));
    await cpuStressDriver.inject(other, bystander);
    const p = await memoryStressDriver.prepare(ctx, mem);
    t.after(() => cleanup(ctx, String(p.revert.marker)));
    await memoryStressDriver.inject(ctx, p);
    assert.equal(await memoryStressDriver.verifyInjected(ctx, p), true);
    const started = performance.now();
    await memoryStressDriver.revert(ctx, p.revert);
    assert.equal(await memoryStressDriver.verifyReverted(ctx, p.revert), true);
    t.diagnostic(`revert → verified ${(performance.now() - started).toFixed(0)} ms`);
    assert.ok((await findTagged(other, String(bystander.revert.marker))).length >= 2, "the other fault's stressor still runs");
    await cpuStressDriver.revert(other, bystander.revert);
    assert.equal(await cpuStressDriver.verifyReverted(other, bystander.revert), true);
  });
}
