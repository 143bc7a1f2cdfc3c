import { labUp } from "../../../lab/labApi.js";
import { labCameraHosts, labPorts, labRtspPort, labUrl } from "../../../lab/ports.js";
import { InventorySchema, type Inventory } from "../../../src/engine/model/inventorySchema";
import type { ProbeContext } from "../../../src/engine/probes/ProbeDriver";
import { createTransportPool } from "../../../src/engine/transports/transportPool";

/** The lab as an inventory: the real stack's service names on loopback, this machine as the hub. */
export const labInventory: Inventory = InventorySchema.parse({
  services: {
    prometheus: { url: labUrl(labPorts.prometheus), kind: "prometheus" },
    alertmanager: { url: labUrl(labPorts.alertmanager), kind: "alertmanager" },
    pushgateway: { url: labUrl(labPorts.pushgateway), kind: "pushgateway" },
    loki: { url: labUrl(labPorts.loki), kind: "loki" },
    dashboard: { url: labUrl(labPorts.dashboard), kind: "dashboard" },
  },
  targets: { hub: { transport: { type: "local" } } },
  cameras: {
    tapo_kitchen: { rtsp: `rtsp://${labCameraHosts.tapo_kitchen}:${labRtspPort}/stream1` },
    tapo_living_room: { rtsp: `rtsp://${labCameraHosts.tapo_living_room}:${labRtspPort}/stream1` },
  },
});

/** Starts (idempotently) the lab components a test needs, through the lab's own code. */
export async function ensureLab(...only: string[]): Promise<void> {
  const result = await labUp({ only, log: () => undefined });
  const missing = result.components.filter((c) => c.state === "unavailable");
  if (missing.length > 0) throw new Error(`lab components unavailable: ${missing.map((c) => `${c.name} (${c.reason ?? "?"})`).join(", ")}`);
}

export function labContext(overrides: Partial<ProbeContext> = {}): ProbeContext {
  return {
    inventory: labInventory,
    transports: createTransportPool(labInventory, async () => undefined),
    secrets: async () => undefined,
    signal: AbortSignal.timeout(60_000),
    baselines: new Map(),
    ...overrides,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Re-evaluates until ok or the deadline; returns the last result either way. */
export async function until<R extends { ok: boolean }>(evaluate: () => Promise<R>, timeoutMs: number, intervalMs = 500): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await evaluate();
    if (r.ok || Date.now() >= deadline) return r;
    await sleep(intervalMs);
  }
}
