import { LokiClient } from "../clients/lokiClient";
import type { MarkerContext, MarkerMoment, MarkerSink } from "./MarkerSink";

/** A log line per moment, labelled like the Pushgateway series, so Grafana can overlay it on log panels. */
export class LokiMarker implements MarkerSink {
  readonly name = "loki";

  constructor(private readonly client: LokiClient) {}

  async mark(moment: MarkerMoment, ctx: MarkerContext, atMs: number): Promise<void> {
    const line = JSON.stringify({ level: "info", msg: `chaos experiment ${moment}`, experiment: ctx.experimentId, run_id: ctx.runId, title: ctx.title, moment });
    await this.client.push([{ labels: { job: "surveillance-chaos", app: "surveillance-chaos", experiment: ctx.experimentId, run_id: ctx.runId }, lines: [{ t: atMs, line }] }], ctx.signal);
  }
}
