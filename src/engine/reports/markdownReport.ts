import { formatMs } from "../model/duration";
import type { Experiment } from "../model/experimentSchema";
import type { RunFacts } from "./runFacts";
import { isoMinute, renderRunbookSection } from "./runbookSection";

export interface ReportedRun {
  experiment: Experiment;
  facts: RunFacts;
  journalPath: string;
}

/** A markdown report for a suite of runs: a summary table, then each run's section. */
export function renderMarkdownReport(runs: readonly ReportedRun[]): string {
  const out: string[] = ["# Surveillance Chaos run report", ""];
  const passed = runs.filter((r) => r.facts.verdict === "passed").length;
  const first = runs[0];
  if (first) out.push(`${passed} of ${runs.length} experiments passed. Started ${isoMinute(first.facts.startedAt)}.`, "");
  out.push("| experiment | verdict | time to detect | time to notify | time to recover | journal |", "|---|---|---|---|---|---|");
  const ms = (v: number | null) => (v === null ? "—" : formatMs(v));
  for (const r of runs) {
    const t = r.facts.timings;
    out.push(`| ${r.experiment.id} ${r.experiment.title} | **${r.facts.verdict}** | ${ms(t.detectMs)} | ${ms(t.notifyMs)} | ${ms(t.recoverMs)} | \`${r.journalPath}\` |`);
  }
  out.push("");
  for (const r of runs) {
    // The report shows the same section the runbook gets, without the markers.
    const section = renderRunbookSection(r.experiment, r.facts, []).split("\n").slice(1, -1).join("\n");
    out.push(section, "");
    if (r.facts.refusedReasons.length > 0) out.push("Preflight refused:", "", ...r.facts.refusedReasons.map((x) => `- ${x}`), "");
  }
  return out.join("\n");
}
