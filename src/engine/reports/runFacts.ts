import type { Experiment } from "../model/experimentSchema";
import type { JournalEvent, JournalEventOf, Timings, Verdict } from "../journal/journalEvents";

/**
 * What a report says about one run, derived from its journal alone, so the markdown
 * report, the runbook section and JUnit all tell the same story.
 */
export interface RunFacts {
  runId: string;
  experimentId: string;
  title: string;
  startedAt: number;
  verdict: Verdict;
  timings: Timings;
  findings: string[];
  injectedAt: number | null;
  revertedAt: number | null;
  /** Relative to the first injection (or the start when nothing was injected). */
  timeline: { offsetMs: number; text: string }[];
  faults: { id: string; summary: string; target: string; reverted: boolean; by: string | null }[];
  expectations: JournalEventOf<"expectation">[];
  guardsTripped: JournalEventOf<"guard-tripped">[];
  refusedReasons: string[];
}

export function runFacts(events: readonly JournalEvent[]): RunFacts {
  const started = events.find((e): e is JournalEventOf<"run-started"> => e.type === "run-started");
  const finished = [...events].reverse().find((e): e is JournalEventOf<"run-finished"> => e.type === "run-finished");
  const injected = events.find((e): e is JournalEventOf<"fault-injected"> => e.type === "fault-injected");
  const reverted = events.filter((e): e is JournalEventOf<"fault-reverted"> => e.type === "fault-reverted" && e.by !== "not-needed");
  const zero = injected?.at ?? started?.at ?? events[0]?.at ?? 0;
  const planned = events.filter((e): e is JournalEventOf<"fault-planned"> => e.type === "fault-planned");
  return {
    runId: started?.runId ?? events[0]?.runId ?? "unknown",
    experimentId: started?.experimentId ?? "unknown",
    title: started?.title ?? "",
    startedAt: started?.at ?? zero,
    verdict: finished?.verdict ?? "error",
    timings: finished?.timings ?? { detectMs: null, notifyMs: null, recoverMs: null },
    findings: finished?.findings ?? ["the run did not finish (no run-finished line in its journal)"],
    injectedAt: injected?.at ?? null,
    revertedAt: reverted.length > 0 ? Math.max(...reverted.map((r) => r.at)) : null,
    timeline: events.flatMap((e) => {
      const text = timelineText(e);
      return text ? [{ offsetMs: e.at - zero, text }] : [];
    }),
    faults: planned.map((p) => {
      const r = [...events].reverse().find((e): e is JournalEventOf<"fault-reverted"> => e.type === "fault-reverted" && e.faultId === p.faultId);
      return { id: p.faultId, summary: p.summary, target: p.target, reverted: r?.verified ?? false, by: r?.by ?? null };
    }),
    expectations: events.filter((e): e is JournalEventOf<"expectation"> => e.type === "expectation"),
    guardsTripped: events.filter((e): e is JournalEventOf<"guard-tripped"> => e.type === "guard-tripped"),
    refusedReasons: events.flatMap((e) => (e.type === "preflight-refused" ? e.reasons : [])),
  };
}

function timelineText(e: JournalEvent): string | null {
  switch (e.type) {
    case "phase":
      return `phase: ${e.phase}`;
    case "fault-planned":
      return `planned: ${e.summary}`;
    case "fault-injected":
      return `injected ${e.faultId}${e.verified ? " (verified)" : " (NOT verified)"}`;
    case "fault-reverted":
      return e.by === "not-needed" ? `${e.faultId}: nothing to revert` : `reverted ${e.faultId} by ${e.by}${e.verified ? " (verified)" : ` (NOT verified${e.error ? `: ${e.error}` : ""})`}`;
    case "expectation":
      return `${e.met ? "met" : "NOT met"}: ${e.name}${e.measures ? ` [${e.measures}]` : ""}`;
    case "guard-tripped":
      return `guard tripped: ${e.name}: ${e.detail}`;
    case "preflight-refused":
      return `preflight refused: ${e.reasons.join("; ")}`;
    case "marker":
      return `${e.kind} marker → ${e.sink}${e.ok ? "" : ` failed: ${e.detail}`}`;
    case "run-finished":
      return `verdict: ${e.verdict}`;
    default:
      return null;
  }
}

/** The PromQL/LogQL an experiment looks at, to put under "Look again". */
export function queriesOf(experiment: Experiment): { promql: string[]; logql: string[] } {
  const probes = [...experiment.steadyState, ...experiment.expectations, ...experiment.guards].map((p) => p.probe);
  const promql = new Set<string>();
  const logql = new Set<string>();
  for (const p of probes) {
    if (p.type === "prometheus") promql.add(p.query);
    if (p.type === "alert") promql.add(`ALERTS{alertname="${p.alertname}"}`);
    if (p.type === "loki") logql.add(p.query);
  }
  return { promql: [...promql], logql: [...logql] };
}
