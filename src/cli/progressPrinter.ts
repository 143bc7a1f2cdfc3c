import type { JournalEvent } from "../engine/journal/journalEvents";
import { formatMs } from "../engine/model/duration";
import type { RunListener } from "../engine/run/RunResult";

/** One readable stderr line per journal event; probe samples only when they change (the journal already filters them). */
export function progressPrinter(print: (line: string) => void, experimentId: string): RunListener {
  let start: number | undefined;
  return (event) => {
    if (event.kind !== "journal") return;
    const e = event.event;
    start ??= e.at;
    const line = describe(e);
    if (line !== undefined) print(`[${experimentId} +${formatMs(e.at - start)}] ${line}`);
  };
}

function describe(e: JournalEvent): string | undefined {
  switch (e.type) {
    case "run-started":
      return `run ${e.runId} started (${e.title})`;
    case "phase":
      return `— ${e.phase}`;
    case "fault-planned":
      return `planned ${e.faultId} on ${e.target}: ${e.summary}`;
    case "fault-injected":
      return `injected ${e.faultId}${e.verified ? " (verified)" : " (NOT verified)"}`;
    case "fault-reverted":
      return e.by === "not-needed" ? `${e.faultId}: nothing to revert` : `reverted ${e.faultId} by ${e.by}: ${e.verified ? "verified" : `FAILED ${e.error ?? ""}`}`;
    case "probe":
      return `${e.role} "${e.name}": ${e.ok ? "ok" : "not ok"} (${e.detail})`;
    case "expectation":
      return `expectation "${e.name}" ${e.met ? "MET" : "NOT MET"}: ${e.detail}`;
    case "guard-tripped":
      return `GUARD "${e.name}" tripped: ${e.detail}`;
    case "preflight-refused":
      return `preflight refused:\n  ${e.reasons.join("\n  ")}`;
    case "marker":
      return `marker ${e.kind} on ${e.sink}: ${e.ok ? "ok" : e.detail}`;
    case "note":
      return `${e.level}: ${e.message}`;
    case "run-finished":
      return `verdict ${e.verdict} in ${formatMs(e.durationMs)}`;
  }
}
