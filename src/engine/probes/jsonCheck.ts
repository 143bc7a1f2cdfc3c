import type { JsonCheck } from "../model/probeSchemas";
import { compare, formatCompare } from "./compare";
import { getJsonPath } from "./jsonPath";

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/** One JSON field check against a parsed body; the detail says what was found. */
export function evaluateJsonCheck(body: unknown, check: JsonCheck): { ok: boolean; detail: string } {
  const { found, value } = getJsonPath(body, check.path);
  if (check.exists !== undefined) {
    return { ok: found === check.exists, detail: `${check.path} ${found ? "exists" : "is missing"}` };
  }
  if (!found) return { ok: false, detail: `${check.path} is missing` };
  if (check.equals !== undefined) {
    return { ok: value === check.equals, detail: `${check.path} = ${show(value)}${value === check.equals ? "" : `, expected ${show(check.equals)}`}` };
  }
  if (check.compare !== undefined) {
    const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    const ok = compare(n, check.compare);
    return { ok, detail: `${check.path} = ${show(value)}${ok ? "" : `, expected ${formatCompare(check.compare)}`}` };
  }
  if (check.matches !== undefined) {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const ok = new RegExp(check.matches).test(text);
    return { ok, detail: `${check.path} = ${show(value)}${ok ? "" : `, expected to match /${check.matches}/`}` };
  }
  return { ok: false, detail: `${check.path}: no test given` };
}
