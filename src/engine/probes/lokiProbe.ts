import { LokiClient, type LokiResult } from "../clients/lokiClient";
import { endpointFor } from "../clients/serviceEndpoint";
import { durationMs } from "../model/duration";
import type { ProbeOf } from "../model/probeSchemas";
import { compare, formatCompare, formatNumber } from "./compare";
import type { ProbeContext, ProbeDriver, ProbeResult } from "./ProbeDriver";

type LokiProbe = ProbeOf<"loki">;

/** Lines fetched at most to count a log query; a count at the cap is reported as "at least". */
export const LOG_LINE_CAP = 5000;

/** A log query counts its lines; a metric query sums the newest value of each series (empty is 0, as in Loki's graphs). */
export function lokiValue(result: LokiResult): { value: number; what: string } {
  if (result.kind === "logs") {
    const n = result.lines.length;
    return { value: n, what: `${n >= LOG_LINE_CAP ? "at least " : ""}${n} line(s)` };
  }
  const latest = result.series.map((s) => s.samples[s.samples.length - 1]?.v ?? 0);
  const value = latest.reduce((a, b) => a + b, 0);
  return { value, what: `value ${formatNumber(value)} (${result.series.length} series)` };
}

async function evaluate(ctx: ProbeContext, probe: LokiProbe): Promise<ProbeResult> {
  const client = new LokiClient(endpointFor(ctx.inventory, probe.service, "loki"), { secrets: ctx.secrets });
  const rangeMs = durationMs(probe.range);
  const endMs = Date.now();
  // query_range serves both kinds (Loki 3 refuses log queries as instant queries); one step spans the window.
  const result = await client.queryRange(probe.query, {
    startMs: endMs - rangeMs,
    endMs,
    stepMs: rangeMs,
    limit: LOG_LINE_CAP,
    direction: "backward",
    signal: ctx.signal,
  });
  const { value, what } = lokiValue(result);
  const ok = compare(value, probe.compare);
  return { ok, value, detail: `${what} in the last ${String(probe.range)}${ok ? "" : `, expected ${formatCompare(probe.compare)}`}` };
}

export const lokiProbe: ProbeDriver<"loki"> = {
  type: "loki",
  evaluate,
  describe: (p) => `${p.query} ${formatCompare(p.compare)} over ${String(p.range)} on ${p.service}`,
};
