import { test } from "node:test";
import assert from "node:assert/strict";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import { createTransportPool } from "../../../src/engine/transports/transportPool";

const inventory = InventorySchema.parse({ targets: { hub: { allowChaos: true, transport: { type: "local" } } } });

test("one transport per target, reused, closed together", async () => {
  const pool = createTransportPool(inventory, async () => undefined);
  const a = await pool.get("hub");
  assert.equal(a.kind, "local");
  assert.equal(a.targetName, "hub");
  assert.equal(await pool.get("hub"), a);
  await pool.closeAll();
  assert.notEqual(await pool.get("hub"), a);
});

test("an unknown target is an error naming it", async () => {
  const pool = createTransportPool(inventory, async () => undefined);
  await assert.rejects(pool.get("nope"), /nope: no such target/);
});
