import { PrometheusClient, type Series } from "../clients/prometheusClient";
import { endpointFor } from "../clients/serviceEndpoint";
import { durationMs, formatMs } from "../model/duration";
import type { ProbeOf } from "../model/probeSchemas";
import { compare, formatCompare, formatNumber } from "./compare";
import type { ProbeContext, ProbeDriver, ProbeResult } from "./ProbeDriver";

type PrometheusProbe = ProbeOf<"prometheus">;

const seriesName = (s: Series) => {
  const pairs = Object.entries(s.labels).filter(([k]) => k !== "__name__");
  return `${s.labels.__name__ ?? ""}{${pairs.map(([k, v]) => `${k}="${v}"`).join(",")}}`;
};

/** The first gap wider than `maxGapMs` between consecutive samples of any series. */
export function findGap(series: readonly Series[], maxGapMs: number): { series: Series; fromMs: number; gapMs: number } | undefined {
  for (const s of series) {
    for (let i = 1; i < s.samples.length; i++) {
      const prev = s.samples[i - 1]!;
      const gapMs = s.samples[i]!.t - prev.t;
      if (gapMs > maxGapMs) return { series: s, fromMs: prev.t, gapMs };
    }
  }
  return undefined;
}

/** Judges series against the probe: empty policy, then compare over all (or any) samples. */
export function judgeSeries(probe: Pick<PrometheusProbe, "compare" | "match" | "empty">, series: readonly Series[]): ProbeResult {
  const samples = series.flatMap((s) => s.samples.map((p) => ({ s, v: p.v })));
  if (samples.length === 0) {
    return { ok: probe.empty === "pass", value: null, detail: `no series (empty: ${probe.empty})` };
  }
  const first = samples[0]!;
  const count = `${series.length} series${samples.length > series.length ? `, ${samples.length} samples` : ""}`;
  if (probe.compare === undefined) return { ok: true, value: first.v, detail: `${seriesName(first.s)} = ${formatNumber(first.v)} (${count})` };
  const c = probe.compare;
  const failing = samples.find((p) => !compare(p.v, c));
  const passing = samples.find((p) => compare(p.v, c));
  if (probe.match === "any") {
    return passing !== undefined
      ? { ok: true, value: passing.v, detail: `${seriesName(passing.s)} = ${formatNumber(passing.v)} ${formatCompare(c)} (${count})` }
      : { ok: false, value: first.v, detail: `no sample ${formatCompare(c)}; ${seriesName(first.s)} = ${formatNumber(first.v)} (${count})` };
  }
  return failing === undefined
    ? { ok: true, value: first.v, detail: `${seriesName(first.s)} = ${formatNumber(first.v)} ${formatCompare(c)} (${count})` }
    : { ok: false, value: failing.v, detail: `${seriesName(failing.s)} = ${formatNumber(failing.v)}, expected ${formatCompare(c)} (${count})` };
}

/** Range step: the probe's, else about 120 points over the window, never under 1 s. */
export function rangeStepMs(rangeMs: number, step: PrometheusProbe["step"]): number {
  return step !== undefined ? durationMs(step) : Math.max(1000, Math.ceil(rangeMs / 120 / 1000) * 1000);
}

async function evaluate(ctx: ProbeContext, probe: PrometheusProbe): Promise<ProbeResult> {
  const client = new PrometheusClient(endpointFor(ctx.inventory, probe.service, "prometheus"), { secrets: ctx.secrets });
  if (probe.range === undefined) return judgeSeries(probe, await client.query(probe.query, { signal: ctx.signal }));
  const rangeMs = durationMs(probe.range);
  const endMs = Date.now();
  const stepMs = rangeStepMs(rangeMs, probe.step);
  const series = await client.queryRange(probe.query, { startMs: endMs - rangeMs, endMs, stepMs, signal: ctx.signal });
  if (probe.maxGap !== undefined) {
    const gap = findGap(series, durationMs(probe.maxGap));
    if (gap !== undefined) {
      const at = new Date(gap.fromMs).toISOString();
      return { ok: false, value: gap.gapMs / 1000, detail: `${seriesName(gap.series)} has a ${formatMs(gap.gapMs)} gap after ${at} (max ${formatMs(durationMs(probe.maxGap))})` };
    }
  }
  return judgeSeries(probe, series);
}

export const prometheusProbe: ProbeDriver<"prometheus"> = {
  type: "prometheus",
  evaluate,
  describe: (p) =>
    `${p.query}${p.compare ? ` ${formatCompare(p.compare)}` : ""}${p.range !== undefined ? ` over ${String(p.range)}` : ""} on ${p.service}`,
};
