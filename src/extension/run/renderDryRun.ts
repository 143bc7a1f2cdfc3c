import type { RunResult } from "../../engine/run/RunResult";

/** The dry run as a markdown document: per fault, the target and the exact commands to inject and revert. */
export function renderDryRun(result: RunResult, file: string): string {
  const e = result.experiment;
  const out = [`# Dry run of ${e.id}: ${e.title}`, "", `File: \`${file}\`  `, `Verdict: ${result.verdict} (nothing was changed)`, ""];
  if (result.refusedReasons.length > 0) {
    out.push("## Preflight would refuse", "", ...result.refusedReasons.map((r) => `- ${r}`), "");
  }
  for (const f of result.faults) {
    out.push(`## ${f.faultId} (${f.type}) on \`${f.target}\``, "", f.summary, "", "Inject:", "", "```sh", ...f.commands, "```", "");
    if (f.revertCommands.length > 0) out.push("Revert:", "", "```sh", ...f.revertCommands, "```", "");
    else out.push(f.reversible ? "Revert: nothing to run." : "Not reversible by the tool: recovery is the stack's job.", "");
  }
  if (Object.keys(result.variables).length > 0) {
    out.push("## Variables", "", "| name | value |", "|---|---|", ...Object.entries(result.variables).map(([k, v]) => `| ${k} | \`${String(v)}\` |`), "");
  }
  return out.join("\n");
}
