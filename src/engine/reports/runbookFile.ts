import type { Experiment } from "../model/experimentSchema";
import type { RunFacts } from "./runFacts";
import { beginMarker, endMarker, parseHistory, renderRunbookSection } from "./runbookSection";

/** Default runbook path for an experiment, relative to the workspace. */
export function runbookPathFor(experiment: Experiment): string {
  return experiment.runbook ?? `runbooks/${experiment.component}.md`;
}

/**
 * Returns the runbook text with this experiment's section replaced (or appended), every
 * byte outside the markers untouched. `current` is the file as it is now ("" when new).
 */
export function updateRunbook(current: string, experiment: Experiment, facts: RunFacts): string {
  const begin = beginMarker(experiment.id);
  const end = endMarker(experiment.id);
  const start = current.indexOf(begin);
  const stop = start === -1 ? -1 : current.indexOf(end, start);
  if (start !== -1 && stop === -1) throw new Error(`runbook has "${begin}" without "${end}": fix the markers by hand before re-running`);
  const existing = start === -1 ? "" : current.slice(start, stop + end.length);
  const section = renderRunbookSection(experiment, facts, parseHistory(existing));
  if (start !== -1) return current.slice(0, start) + section + current.slice(stop + end.length);
  if (current === "") return `# Runbook: ${experiment.component}\n\n${section}\n`;
  return `${current}${current.endsWith("\n") ? "" : "\n"}\n${section}\n`;
}
