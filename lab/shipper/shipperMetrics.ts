import { processFamilies, renderMetrics, type MetricFamily } from "../loki-standin/promText.js";
import type { FileTailer } from "./fileTailer.js";
import type { LokiClient } from "./lokiClient.js";

export interface ReadCounters {
  lines: Map<string, number>;
  bytes: Map<string, number>;
}

/** Promtail's own metric names and labels, so the plan's log-ingestion alerts work unchanged. */
export function shipperMetrics(client: LokiClient, tailers: readonly FileTailer[], read: ReadCounters, startedAtMs: number): string {
  const host = { host: client.host };
  const s = client.stats;
  const perPath = (m: Map<string, number>): { labels: Record<string, string>; value: number }[] =>
    tailers.map((t) => ({ labels: { path: t.path }, value: m.get(t.path) ?? 0 }));
  const families: MetricFamily[] = [
    { name: "promtail_read_lines_total", help: "Number of lines read.", type: "counter", samples: perPath(read.lines) },
    { name: "promtail_read_bytes_total", help: "Number of bytes read.", type: "counter", samples: perPath(read.bytes) },
    { name: "promtail_file_bytes_total", help: "Number of bytes total.", type: "gauge", samples: tailers.map((t) => ({ labels: { path: t.path }, value: t.size })) },
    { name: "promtail_files_active_total", help: "Number of active files.", type: "gauge", samples: [{ value: tailers.filter((t) => t.active).length }] },
    { name: "promtail_sent_entries_total", help: "Number of log entries sent to the ingester.", type: "counter", samples: [{ labels: host, value: s.sentEntries }] },
    { name: "promtail_sent_bytes_total", help: "Number of bytes sent.", type: "counter", samples: [{ labels: host, value: s.sentBytes }] },
    { name: "promtail_dropped_entries_total", help: "Number of log entries dropped because failed to be sent to the ingester after all retries.", type: "counter", samples: [{ labels: host, value: s.droppedEntries }] },
    { name: "promtail_dropped_bytes_total", help: "Number of bytes dropped because failed to be sent to the ingester after all retries.", type: "counter", samples: [{ labels: host, value: s.droppedBytes }] },
    { name: "promtail_batch_retries_total", help: "Number of times batches has had to be retried.", type: "counter", samples: [{ labels: host, value: s.retries }] },
    { name: "promtail_standin_queue_entries", help: "Entries read but not yet sent (back-pressure on the readers).", type: "gauge", samples: [{ value: client.queued }] },
    {
      name: "promtail_request_duration_seconds",
      help: "Duration of send requests.",
      type: "summary",
      samples: [...s.requests].flatMap(([status_code, v]) => [
        { name: "promtail_request_duration_seconds_sum", labels: { ...host, status_code }, value: v.sum },
        { name: "promtail_request_duration_seconds_count", labels: { ...host, status_code }, value: v.count },
      ]),
    },
    ...processFamilies(startedAtMs),
  ];
  return renderMetrics(families);
}
