import * as z from "zod";

/**
 * Durations are written the way Prometheus users write them ("90s", "2m", "1m30s",
 * "500ms") or as a plain number of seconds. A `${variable}` placeholder is also accepted
 * so that editors validating the raw file (yamlValidation) do not flag templated values;
 * the loader substitutes variables before the runtime validation.
 */
export const DURATION_PATTERN = "^(?:(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+|\\$\\{[A-Za-z_][A-Za-z0-9_.]*\\})$";
const DURATION_RE = new RegExp(DURATION_PATTERN);
const PART_RE = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export const DurationSchema = z
  .union([z.number().nonnegative(), z.string().regex(DURATION_RE, 'expected a duration such as "500ms", "30s", "2m" or "1m30s"')])
  .describe('A duration: "500ms", "30s", "2m", "1m30s", or a number of seconds.');
export type Duration = z.infer<typeof DurationSchema>;

/** Milliseconds for a duration; throws on a placeholder that was never substituted. */
export function durationMs(d: Duration): number {
  if (typeof d === "number") return Math.round(d * 1000);
  if (d.startsWith("${")) throw new Error(`unresolved variable ${d}`);
  let total = 0;
  for (const m of d.matchAll(PART_RE)) total += Number(m[1]) * (UNIT_MS[m[2] ?? "s"] ?? 1000);
  return Math.round(total);
}

/** "1m30s" style rendering for reports and messages. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return rest === 0 ? `${m}m` : `${m}m${rest}s`;
}
