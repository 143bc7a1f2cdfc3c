import type { Experiment } from "../../engine/model/experimentSchema";
import type { Probe } from "../../engine/model/probeSchemas";
import type { QueryInfo } from "../../shared/webviewProtocol";

/** The stack's own vital signs, shown with or without an experiment. */
export const DEFAULT_QUERIES: readonly QueryInfo[] = [
  { id: "default-up", title: "Targets up, by job", expr: "min by (job) (up)", origin: "default" },
  { id: "default-camera-health", title: "Camera health", expr: 'device_health_status{device_type="camera"}', origin: "default" },
  { id: "default-scrape-duration", title: "Scrape duration (s), by job", expr: "max by (job) (scrape_duration_seconds)", origin: "default" },
];

export const DEFAULT_LOG_QUERY = '{app="tapo-camera-mcp"}';

function probesOf(e: Experiment): { name: string; probe: Probe }[] {
  return [...e.steadyState, ...e.expectations, ...e.guards];
}

/** A Loki query that returns lines (a stream selector with filters), not a metric query. */
export function isLogQuery(q: string): boolean {
  return q.trim().startsWith("{");
}

/**
 * The experiment's Prometheus queries (each once, titled by the first probe that uses it)
 * followed by the defaults not already among them; the log query is the experiment's
 * first Loki log query, else the stack's default.
 */
export function dashboardQueries(experiment: Experiment | undefined): { queries: QueryInfo[]; logQuery: string } {
  const queries: QueryInfo[] = [];
  const seen = new Set<string>();
  let logQuery: string | undefined;
  for (const { name, probe } of experiment ? probesOf(experiment) : []) {
    if (probe.type === "prometheus" && !seen.has(probe.query)) {
      seen.add(probe.query);
      queries.push({ id: `experiment-${queries.length + 1}`, title: name, expr: probe.query, origin: "experiment" });
    }
    if (probe.type === "loki" && logQuery === undefined && isLogQuery(probe.query)) logQuery = probe.query;
  }
  for (const q of DEFAULT_QUERIES) if (!seen.has(q.expr)) queries.push(q);
  return { queries, logQuery: logQuery ?? DEFAULT_LOG_QUERY };
}
