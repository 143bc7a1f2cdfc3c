import type * as z from "zod";
import type { Diagnostic } from "./Diagnostic";
import { closestKey, knownKeysAt } from "./keySuggestion";
import type { PathKey, PositionedYaml } from "./yamlDocument";

const pathOf = (issue: z.core.$ZodIssue) => issue.path.filter((k): k is PathKey => typeof k === "string" || typeof k === "number");
const isMissing = (issue: z.core.$ZodIssue) => issue.code === "invalid_type" && issue.message.includes("received undefined");

/**
 * Turns zod issues into positioned diagnostics with messages a person can act on. An unknown
 * key names the known key it most likely misspells (from `schema` at that place in `value`);
 * then "<that key>: required" is left out, since the one message already says what to fix.
 */
export function zodIssuesToDiagnostics(doc: PositionedYaml, issues: readonly z.core.$ZodIssue[], schema?: z.ZodType, value?: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const path = pathOf(issue);
    // A key the object already has is not what a misspelling meant.
    const present = new Set(Object.keys(valueAt(value, path) ?? {}));
    const known = [...(schema ? knownKeysAt(schema, path, value) : [])].filter((k) => !present.has(k));
    for (const key of issue.keys) {
      const suggestion = closestKey(key, known);
      if (suggestion !== undefined) meant.add(JSON.stringify([...path, suggestion]));
      out.push(doc.diagnosticFor(path, `unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`, { key }));
    }
  }
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") continue;
    const path = pathOf(issue);
    if (isMissing(issue) && meant.has(JSON.stringify(path))) continue;
    out.push(doc.diagnosticFor(path, messageFor(issue, path)));
  }
  return dedupe(out);
}

function valueAt(value: unknown, path: readonly PathKey[]): object | undefined {
  let v = value;
  for (const k of path) v = typeof v === "object" && v !== null ? (v as Record<PathKey, unknown>)[k] : undefined;
  return typeof v === "object" && v !== null ? v : undefined;
}

function messageFor(issue: z.core.$ZodIssue, path: PathKey[]): string {
  const where = path.length > 0 ? `${renderPath(path)}: ` : "";
  if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator) {
    return `${where}unknown or missing "${String(issue.discriminator)}"`;
  }
  if (isMissing(issue)) {
    return `${where}required`;
  }
  return `${where}${issue.message}`;
}

export function renderPath(path: readonly PathKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
