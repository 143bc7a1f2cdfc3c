import * as z from "zod";
import { HttpClient } from "../clients/httpClient";
import type { MarkerContext, MarkerMoment, MarkerSink } from "./MarkerSink";

const CreatedSchema = z.object({ id: z.number() });

/** A Grafana region annotation: opened at start, its end set at the end (Grafana's HTTP API, /api/annotations). */
export class GrafanaMarker implements MarkerSink {
  readonly name = "grafana";
  private annotationId: number | undefined;

  constructor(private readonly http: HttpClient) {}

  async mark(moment: MarkerMoment, ctx: MarkerContext, atMs: number): Promise<void> {
    const tags = ["surveillance-chaos", `experiment:${ctx.experimentId}`, `run_id:${ctx.runId}`];
    if (moment === "start") {
      const res = await this.http.request("POST", "/api/annotations", {
        body: JSON.stringify({ time: Math.round(atMs), tags, text: `Chaos experiment ${ctx.experimentId}: ${ctx.title}` }),
        headers: { "Content-Type": "application/json" },
        signal: ctx.signal,
      });
      this.annotationId = this.http.parse(res, "/api/annotations", CreatedSchema).id;
      return;
    }
    if (moment === "end" && this.annotationId !== undefined) {
      const res = await this.http.request("PATCH", `/api/annotations/${this.annotationId}`, {
        body: JSON.stringify({ timeEnd: Math.round(atMs), tags }),
        headers: { "Content-Type": "application/json" },
        signal: ctx.signal,
      });
      this.http.expectOk(res, `/api/annotations/${this.annotationId}`);
    }
  }
}
