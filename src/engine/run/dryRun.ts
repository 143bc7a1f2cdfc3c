import { JournalEventSchema, type JournalEvent } from "../journal/journalEvents";
import { newRunId } from "../journal/journalPaths";
import type { JournalInput } from "../journal/JournalWriter";
import { FaultLedger } from "./FaultLedger";
import { faultSafety } from "./faultSafety";
import { preflight } from "./preflight";
import { systemClock, type RunDeps } from "./RunDeps";
import { RunRecorder, type JournalSink } from "./RunRecorder";
import type { RunResult } from "./RunResult";
import type { RunOptions } from "./runExperiment";

/** A dry run changes nothing, not even the journal directory: its lines stay in memory. */
class MemoryJournal implements JournalSink {
  readonly file = null;
  constructor(
    readonly runId: string,
    private readonly now: () => number,
  ) {}

  write(input: JournalInput): JournalEvent {
    return JournalEventSchema.parse({ ...input, at: input.at ?? this.now(), runId: this.runId });
  }
}

/** Preflight, then each fault's `prepare` (which only reads): exactly what a run would execute, per target. */
export async function dryRunExperiment(options: Omit<RunOptions, "journalDir">, deps: RunDeps): Promise<RunResult> {
  const clock = deps.clock ?? systemClock;
  const { experiment, file, variables } = options.loaded;
  const signal = options.signal ?? new AbortController().signal;
  const startedAt = clock.now();
  const recorder = new RunRecorder(new MemoryJournal(newRunId(experiment.id, startedAt), () => clock.now()), options.listener);
  recorder.record({ type: "phase", phase: "preflight" });
  const checked = await preflight(experiment, options.inventory.inventory, deps, signal);
  let faults: RunResult["faults"] = [];
  if (checked.ok) {
    const log = (message: string) => recorder.record({ type: "note", level: "info", message });
    const ledger = new FaultLedger(checked.faults, recorder, () => clock.now(), log, faultSafety(experiment, options.inventory.inventory));
    await ledger.prepareAll(signal);
    faults = ledger.outcomes();
  } else recorder.record({ type: "preflight-refused", reasons: checked.reasons });
  const finishedAt = clock.now();
  return {
    runId: recorder.runId,
    file,
    experiment,
    variables,
    dryRun: true,
    verdict: checked.ok ? "dry-run" : "refused",
    timings: { detectMs: null, notifyMs: null, recoverMs: null },
    findings: checked.ok ? [] : checked.reasons.map((r) => `refused: ${r}`),
    refusedReasons: checked.ok ? [] : checked.reasons,
    expectations: [],
    faults,
    timeline: recorder.timeline,
    journalFile: null,
    startedAt,
    finishedAt,
    revertFailed: false,
  };
}
