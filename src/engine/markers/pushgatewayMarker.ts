import { PushgatewayClient, type PushMetric } from "../clients/pushgatewayClient";
import type { MarkerContext, MarkerMoment, MarkerSink } from "./MarkerSink";

export const MARKER_JOB = "surveillance_chaos";

/**
 * chaos_experiment_active{experiment,run_id} and the moments as unix timestamps. The group
 * is keyed by experiment only, so each run replaces the previous run's series instead of
 * leaving one stale group per run in the Pushgateway forever; run_id stays a label.
 */
export class PushgatewayMarker implements MarkerSink {
  readonly name = "pushgateway";
  private readonly times = new Map<string, number>();

  constructor(private readonly client: PushgatewayClient) {}

  async mark(moment: MarkerMoment, ctx: MarkerContext, atMs: number): Promise<void> {
    if (moment === "start") this.times.clear();
    this.times.set(moment, atMs / 1000);
    const labels = { run_id: ctx.runId };
    const gauge = (name: string, help: string, value: number): PushMetric => ({ name, help, type: "gauge", samples: [{ labels, value }] });
    const metrics: PushMetric[] = [gauge("chaos_experiment_active", "1 while a Surveillance Chaos experiment has faults in flight, 0 after it ended.", moment === "end" ? 0 : 1)];
    const names: Record<MarkerMoment, [string, string]> = {
      start: ["chaos_experiment_start_timestamp_seconds", "When the experiment started."],
      injected: ["chaos_experiment_injection_timestamp_seconds", "When the first fault was injected."],
      reverted: ["chaos_experiment_revert_timestamp_seconds", "When the last fault was reverted."],
      end: ["chaos_experiment_end_timestamp_seconds", "When the experiment ended."],
    };
    for (const [m, t] of this.times) metrics.push(gauge(names[m as MarkerMoment][0], names[m as MarkerMoment][1], t));
    await this.client.put(MARKER_JOB, { experiment: ctx.experimentId }, metrics, ctx.signal);
  }
}
