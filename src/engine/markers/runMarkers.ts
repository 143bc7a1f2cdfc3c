import { HttpClient } from "../clients/httpClient";
import { LokiClient } from "../clients/lokiClient";
import { PushgatewayClient } from "../clients/pushgatewayClient";
import { endpointFor } from "../clients/serviceEndpoint";
import type { Inventory } from "../model/inventorySchema";
import type { SecretResolver } from "../probes/ProbeDriver";
import { GrafanaMarker } from "./grafanaMarker";
import { LokiMarker } from "./lokiMarker";
import type { MarkerContext, MarkerMoment, MarkerOutcome, MarkerSink } from "./MarkerSink";
import { PushgatewayMarker } from "./pushgatewayMarker";

/** The sinks an inventory configures: each of pushgateway, loki and grafana when its service is there. */
export function markerSinksFor(inventory: Inventory, secrets: SecretResolver): MarkerSink[] {
  const sinks: MarkerSink[] = [];
  const find = (name: string, kind: "pushgateway" | "loki" | "grafana") => {
    try {
      return endpointFor(inventory, name, kind);
    } catch {
      return undefined;
    }
  };
  const options = { secrets, timeoutMs: 5000 };
  const pushgateway = find("pushgateway", "pushgateway");
  if (pushgateway) sinks.push(new PushgatewayMarker(new PushgatewayClient(pushgateway, options)));
  const loki = find("loki", "loki");
  if (loki) sinks.push(new LokiMarker(new LokiClient(loki, options)));
  const grafana = find("grafana", "grafana");
  if (grafana) sinks.push(new GrafanaMarker(new HttpClient(grafana, options)));
  return sinks;
}

/** Tells every sink; a sink that fails is reported, never fatal: markers must not stop a revert. */
export async function markAll(sinks: readonly MarkerSink[], moment: MarkerMoment, ctx: MarkerContext, atMs = Date.now()): Promise<MarkerOutcome[]> {
  return Promise.all(
    sinks.map(async (sink) => {
      try {
        await sink.mark(moment, ctx, atMs);
        return { sink: sink.name, ok: true, detail: moment };
      } catch (err) {
        return { sink: sink.name, ok: false, detail: `${moment}: ${(err as Error).message}` };
      }
    }),
  );
}
