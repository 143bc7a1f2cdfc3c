/** What every marker carries: the labels dashboards filter on. */
export interface MarkerContext {
  experimentId: string;
  runId: string;
  title: string;
  signal?: AbortSignal;
}

export type MarkerMoment = "start" | "injected" | "reverted" | "end";

export interface MarkerOutcome {
  sink: string;
  ok: boolean;
  detail: string;
}

/**
 * A place that shows when an experiment ran: Pushgateway (for Prometheus), Loki, Grafana.
 * A sink is told every moment; `end` must close whatever `start` opened, and is called on
 * every path (the runner calls it from its finally).
 */
export interface MarkerSink {
  readonly name: string;
  mark(moment: MarkerMoment, ctx: MarkerContext, atMs: number): Promise<void>;
}
