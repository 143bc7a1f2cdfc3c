import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { JournalEventSchema, type JournalEvent, type JournalEventOf, type Timings, type Verdict } from "./journalEvents";
import { isRunLive } from "./runLock";

export interface JournalContents {
  file: string;
  events: JournalEvent[];
  /** Lines that did not parse (a torn last line after a crash, a hand edit), with their 1-based numbers. */
  badLines: number[];
}

/** A fault the journal says may still be in place: planned (so possibly injected) and not reverted with verification. */
export interface ActiveFault {
  runId: string;
  experimentId: string;
  journalFile: string;
  planned: JournalEventOf<"fault-planned">;
  injected: boolean;
  /** The last failed revert attempt, if any. */
  lastError?: string;
}

export interface RunSummary {
  runId: string;
  file: string;
  experimentId: string;
  title: string;
  startedAt: number;
  pid: number;
  host: string;
  finishedAt?: number;
  verdict?: Verdict;
  timings?: Timings;
  findings: string[];
  activeFaults: ActiveFault[];
}

export function readJournal(file: string): JournalContents {
  const events: JournalEvent[] = [];
  const badLines: number[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        badLines.push(i + 1);
        return;
      }
      const parsed = JournalEventSchema.safeParse(json);
      if (parsed.success) events.push(parsed.data);
      else badLines.push(i + 1);
    });
  return { file, events, badLines };
}

/** Every run journal file in a directory, in no particular order (listRuns orders runs by start time). */
export function listJournals(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith(".jsonl")).map((n) => join(dir, n));
}

export function summarizeRun(contents: JournalContents): RunSummary | undefined {
  const started = contents.events.find((e): e is JournalEventOf<"run-started"> => e.type === "run-started");
  if (!started) return undefined;
  const finished = contents.events.find((e): e is JournalEventOf<"run-finished"> => e.type === "run-finished");
  return {
    runId: started.runId,
    file: contents.file,
    experimentId: started.experimentId,
    title: started.title,
    startedAt: started.at,
    pid: started.pid,
    host: started.host,
    finishedAt: finished?.at,
    verdict: finished?.verdict,
    timings: finished?.timings,
    findings: finished?.findings ?? [],
    activeFaults: activeFaults(contents, started),
  };
}

function activeFaults(contents: JournalContents, started: JournalEventOf<"run-started">): ActiveFault[] {
  const byId = new Map<string, ActiveFault>();
  for (const e of contents.events) {
    if (e.type === "fault-planned") {
      byId.set(e.faultId, { runId: e.runId, experimentId: started.experimentId, journalFile: contents.file, planned: e, injected: false });
    } else if (e.type === "fault-injected") {
      const f = byId.get(e.faultId);
      if (f) f.injected = true;
    } else if (e.type === "fault-reverted") {
      if (e.verified) byId.delete(e.faultId);
      else {
        const f = byId.get(e.faultId);
        if (f) f.lastError = e.error ?? "the revert could not be verified";
      }
    }
  }
  return [...byId.values()];
}

export interface RunState extends RunSummary {
  live: boolean;
}

/** Every run in the directory with whether its process is still alive, oldest first. */
export function listRuns(dir: string): RunState[] {
  const runs: RunState[] = [];
  for (const file of listJournals(dir)) {
    const summary = summarizeRun(readJournal(file));
    if (summary) runs.push({ ...summary, live: summary.finishedAt === undefined && isRunLive(dir, summary.runId) });
  }
  return runs.sort((a, b) => a.startedAt - b.startedAt);
}

/** Active faults across all runs of a directory. */
export function listActiveFaults(dir: string): (ActiveFault & { live: boolean })[] {
  return listRuns(dir).flatMap((r) => r.activeFaults.map((f) => ({ ...f, live: r.live })));
}
