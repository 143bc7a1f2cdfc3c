import type { Compare } from "../model/probeSchemas";

/** Whether `observed op value` holds. NaN never satisfies anything (as in PromQL). */
export function compare(observed: number, c: Compare): boolean {
  if (Number.isNaN(observed)) return false;
  switch (c.op) {
    case "==":
      return observed === c.value;
    case "!=":
      return observed !== c.value;
    case ">":
      return observed > c.value;
    case ">=":
      return observed >= c.value;
    case "<":
      return observed < c.value;
    case "<=":
      return observed <= c.value;
  }
}

/** "== 0", for details and descriptions. */
export function formatCompare(c: Compare): string {
  return `${c.op} ${c.value}`;
}

/** Numbers as Prometheus shows them: up to 4 decimals, no trailing zeros. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
}
