import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { labUp } from "../../../lab/labApi";
import { LokiClient } from "../../../src/engine/clients/lokiClient";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import { markAll, markerSinksFor } from "../../../src/engine/markers/runMarkers";

const PUSHGATEWAY = "http://127.0.0.1:9091";
const LOKI = "http://127.0.0.1:3100";

const inventory = InventorySchema.parse({
  services: { pushgateway: { url: PUSHGATEWAY }, loki: { url: LOKI } },
});

async function pushgatewayValue(metric: string, runId: string): Promise<number | undefined> {
  const text = await (await fetch(`${PUSHGATEWAY}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  const line = text.split("\n").find((l) => l.startsWith(`${metric}{`) && l.includes(`run_id="${runId}"`));
  return line === undefined ? undefined : Number(line.split(" ").pop());
}

test("start/stop markers reach the real Pushgateway and the Loki stand-in, and active is 0 after", { timeout: 120_000 }, async () => {
  await labUp({ only: ["pushgateway", "loki-standin"], log: () => undefined });
  const runId = `test-${randomUUID().slice(0, 8)}`;
  const ctx = { experimentId: "CT-MARKER", runId, title: "marker test" };
  const sinks = markerSinksFor(inventory, async () => undefined);
  assert.deepEqual(sinks.map((s) => s.name), ["pushgateway", "loki"]);

  const started = await markAll(sinks, "start", ctx);
  assert.ok(started.every((o) => o.ok), JSON.stringify(started));
  assert.equal(await pushgatewayValue("chaos_experiment_active", runId), 1);

  const t = Date.now();
  await markAll(sinks, "injected", ctx, t);
  assert.equal(await pushgatewayValue("chaos_experiment_injection_timestamp_seconds", runId), t / 1000);

  const ended = await markAll(sinks, "end", ctx);
  assert.ok(ended.every((o) => o.ok), JSON.stringify(ended));
  assert.equal(await pushgatewayValue("chaos_experiment_active", runId), 0);

  const loki = new LokiClient({ name: "loki", url: LOKI });
  const lines = await loki.tail(`{job="surveillance-chaos", run_id="${runId}"}`, 5 * 60_000);
  assert.deepEqual(lines.map((l) => JSON.parse(l.line).moment).sort(), ["end", "injected", "start"]);

  await fetch(`${PUSHGATEWAY}/metrics/job/surveillance_chaos/experiment/CT-MARKER`, { method: "DELETE" });
});

test("a sink that cannot be reached is reported, not thrown", { timeout: 30_000 }, async () => {
  const down = InventorySchema.parse({ services: { pushgateway: { url: "http://127.0.0.1:1" } } });
  const [outcome] = await markAll(markerSinksFor(down, async () => undefined), "start", { experimentId: "X", runId: "r", title: "t" });
  assert.equal(outcome?.ok, false);
  assert.match(outcome?.detail ?? "", /pushgateway at http:\/\/127\.0\.0\.1:1 unreachable/);
});
