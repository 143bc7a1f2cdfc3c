import type { JournalEvent } from "../journal/journalEvents";
import type { JournalInput } from "../journal/JournalWriter";
import type { ProbeResult } from "../probes/ProbeDriver";
import type { ProbeSample, RunListener } from "./RunResult";

/**
 * The one place a run reports what happens: every journal line is written (fsynced), kept
 * for the result's timeline and passed to the listener; probe samples go to the listener
 * and only their changes (ok ↔ not ok) reach the journal, so it stays readable.
 */
/** Where journal lines go: the fsynced file for a run, memory for a dry run (which writes nothing). */
export interface JournalSink {
  readonly runId: string;
  readonly file: string | null;
  write(input: JournalInput): JournalEvent;
}

export class RunRecorder {
  readonly timeline: JournalEvent[] = [];
  private readonly lastOk = new Map<string, boolean>();

  constructor(
    private readonly journal: JournalSink,
    private readonly listener: RunListener | undefined,
  ) {}

  get runId(): string {
    return this.journal.runId;
  }

  get file(): string | null {
    return this.journal.file;
  }

  record(input: JournalInput): JournalEvent {
    const event = this.journal.write(input);
    this.timeline.push(event);
    this.emit({ kind: "journal", event });
    return event;
  }

  sample(role: ProbeSample["role"], name: string, at: number, result: ProbeResult): void {
    this.emit({ kind: "sample", sample: { at, role, name, result } });
    const key = `${role}\u0000${name}`;
    if (this.lastOk.get(key) === result.ok) return;
    this.lastOk.set(key, result.ok);
    this.record({ type: "probe", at, role, name, ok: result.ok, detail: result.detail });
  }

  private emit(event: Parameters<RunListener>[0]): void {
    try {
      this.listener?.(event);
    } catch {
      // A broken view must never stop a run half-way (and so never keep a fault in place).
    }
  }
}
