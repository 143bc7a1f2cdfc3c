import type { Inventory, Service } from "../model/inventorySchema";
import type { Endpoint } from "./httpClient";

export class UnknownServiceError extends Error {
  constructor(name: string, known: readonly string[]) {
    super(`no service "${name}" in the inventory (known: ${known.length === 0 ? "none" : known.join(", ")})`);
    this.name = "UnknownServiceError";
  }
}

function toEndpoint(name: string, service: Service): Endpoint {
  return { name, url: service.url, token: service.token, username: service.username, password: service.password };
}

/**
 * The inventory service called `name`; failing that, when `kind` is given, the only service
 * of that kind (so an inventory may call its Prometheus "prom" and still satisfy defaults).
 */
export function endpointFor(inventory: Inventory, name: string, kind?: Service["kind"]): Endpoint {
  const named = inventory.services[name];
  if (named !== undefined) return toEndpoint(name, named);
  if (kind !== undefined) {
    const ofKind = Object.entries(inventory.services).filter(([, s]) => s.kind === kind);
    const only = ofKind.length === 1 ? ofKind[0] : undefined;
    if (only !== undefined) return toEndpoint(only[0], only[1]);
  }
  throw new UnknownServiceError(name, Object.keys(inventory.services));
}

/** The service whose URL prefixes `url` (so a plain http probe on the dashboard still gets its credentials). */
export function endpointForUrl(inventory: Inventory, url: string): Endpoint | undefined {
  for (const [name, service] of Object.entries(inventory.services)) {
    const base = service.url.replace(/\/+$/, "");
    if (url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`)) return toEndpoint(name, service);
  }
  return undefined;
}
