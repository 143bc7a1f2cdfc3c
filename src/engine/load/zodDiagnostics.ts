import type * as z from "zod";
import type { Diagnostic } from "./Diagnostic";
import type { PathKey, PositionedYaml } from "./yamlDocument";

/** Turns zod issues into positioned diagnostics with messages a person can act on. */
export function zodIssuesToDiagnostics(doc: PositionedYaml, issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((k): k is PathKey => typeof k === "string" || typeof k === "number");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push(doc.diagnosticFor(path, `unknown key "${key}"`, { key }));
      continue;
    }
    out.push(doc.diagnosticFor(path, messageFor(issue, path)));
  }
  return dedupe(out);
}

function messageFor(issue: z.core.$ZodIssue, path: PathKey[]): string {
  const where = path.length > 0 ? `${renderPath(path)}: ` : "";
  if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator) {
    return `${where}unknown or missing "${String(issue.discriminator)}"`;
  }
  if (issue.code === "invalid_type" && issue.message.includes("received undefined")) {
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
