import { durationMs } from "../model/duration";
import type { Experiment } from "../model/experimentSchema";
import type { Inventory } from "../model/inventorySchema";

export interface FaultSafety {
  /** Added to how long a fault is meant to stay before its dead-man switch reverts it on the target. */
  deadManMarginMs: number;
  /** How long a fault with duration 0 stays: until observation ends (the window, else the longest `within`). */
  untilObservationEndMs: number;
  /** Endpoints no network fault may cut: the tool's own path to the Prometheus and Alertmanager it watches. */
  protect: { host: string; port: number }[];
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/** host:port of the inventory's Prometheus and Alertmanager services (by kind, or by their usual names). */
export function protectedEndpoints(inventory: Inventory): { host: string; port: number }[] {
  const out: { host: string; port: number }[] = [];
  for (const [name, service] of Object.entries(inventory.services)) {
    const kind = service.kind ?? name;
    if (kind !== "prometheus" && kind !== "alertmanager") continue;
    const url = new URL(service.url);
    const port = url.port !== "" ? Number(url.port) : DEFAULT_PORTS[url.protocol];
    // URL keeps IPv6 literals bracketed; the firewall guard compares bare addresses.
    if (port !== undefined) out.push({ host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port });
  }
  return out;
}

export function faultSafety(experiment: Experiment, inventory: Inventory): FaultSafety {
  const withins = experiment.expectations.map((e) => durationMs(e.within));
  return {
    deadManMarginMs: durationMs(inventory.safety.deadManMargin),
    untilObservationEndMs: experiment.observe.window !== undefined ? durationMs(experiment.observe.window) : Math.max(0, ...withins),
    protect: protectedEndpoints(inventory),
  };
}
