import { readJournal } from "../journal/journalReader";
import type { RunResult } from "../run/RunResult";
import type { ReportedRun } from "./markdownReport";
import { runFacts } from "./runFacts";

/**
 * What the reports get for one run: the facts read back from its journal file (the
 * machine record, parsed with the journal schema), so a report never says more than the
 * journal does. A dry run writes no journal and records no start or finish line, so its
 * identity and verdict come from the result itself.
 */
export function reportedRunOf(result: RunResult): ReportedRun {
  const { experiment } = result;
  if (result.journalFile !== null) return { experiment, facts: runFacts(readJournal(result.journalFile).events), journalPath: result.journalFile };
  const facts = {
    ...runFacts(result.timeline),
    runId: result.runId,
    experimentId: experiment.id,
    title: experiment.title,
    startedAt: result.startedAt,
    verdict: result.verdict,
    timings: result.timings,
    findings: result.findings,
  };
  return { experiment, facts, journalPath: "none (dry run)" };
}
