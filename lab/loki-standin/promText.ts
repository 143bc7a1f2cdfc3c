/**
 * Prometheus text exposition for the lab's Node stand-ins (Loki, Promtail, edge collector).
 * Shared so that every stand-in escapes labels the same way Prometheus parses them.
 */
export interface Sample {
  /** Full sample name when it differs from the family (e.g. `_sum`, `_count`). */
  name?: string;
  labels?: Readonly<Record<string, string>>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: "counter" | "gauge" | "summary" | "untyped";
  samples: readonly Sample[];
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

export function renderMetrics(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels ?? {});
      const labelText = labels.length ? `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}` : "";
      lines.push(`${s.name ?? f.name}${labelText} ${formatValue(s.value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** CPU and memory of the current process, under the names every Prometheus client uses. */
export function processFamilies(startedAtMs: number): MetricFamily[] {
  const cpu = process.cpuUsage();
  return [
    { name: "process_cpu_seconds_total", help: "Total user and system CPU time spent in seconds.", type: "counter", samples: [{ value: (cpu.user + cpu.system) / 1e6 }] },
    { name: "process_resident_memory_bytes", help: "Resident memory size in bytes.", type: "gauge", samples: [{ value: process.memoryUsage.rss() }] },
    { name: "process_start_time_seconds", help: "Start time of the process since unix epoch in seconds.", type: "gauge", samples: [{ value: Math.floor(startedAtMs / 1000) }] },
  ];
}
