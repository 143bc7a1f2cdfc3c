import { hostname } from "node:os";
import { errorMessage } from "../errors";
import type { Phase } from "../journal/journalEvents";
import { journalFile, newRunId } from "../journal/journalPaths";
import { JournalWriter } from "../journal/JournalWriter";
import { acquireRunLock } from "../journal/runLock";
import type { LoadedExperiment } from "../load/loadExperiment";
import type { LoadedInventory } from "../load/loadInventory";
import type { MarkerMoment } from "../markers/MarkerSink";
import { markAll } from "../markers/runMarkers";
import { durationMs } from "../model/duration";
import { alertsAlreadyActive } from "./alertsAlreadyActive";
import { FaultLedger } from "./FaultLedger";
import { faultSafety } from "./faultSafety";
import { observe } from "./observe";
import { preflight, type ReadyFault } from "./preflight";
import { ProbeEvaluator } from "./ProbeEvaluator";
import { systemClock, type Clock, type RunDeps } from "./RunDeps";
import { RunRecorder } from "./RunRecorder";
import type { ExpectationOutcome, RunListener, RunResult } from "./RunResult";
import { checkSteadyStateBefore, RecoveryTracker, waitForRecovery } from "./steadyState";
import { computeTimings } from "./timings";
import { computeVerdict } from "./verdict";

const MARKER_TIMEOUT_MS = 10_000;

export interface RunOptions {
  loaded: LoadedExperiment;
  inventory: LoadedInventory;
  journalDir: string;
  /** Aborting means: stop observing, revert everything, finish with verdict `aborted`. */
  signal?: AbortSignal;
  listener?: RunListener;
}

/**
 * validate → preflight → steady state → mark start → inject → observe → revert → recover →
 * mark end → verdict. Every transition is journaled; every fault that was planned is
 * reverted on every path out of inject/observe (success, failure, guard, error, cancel).
 */
export async function runExperiment(options: RunOptions, deps: RunDeps): Promise<RunResult> {
  const clock = deps.clock ?? systemClock;
  const { experiment, file, variables } = options.loaded;
  const startedAt = clock.now();
  const runId = newRunId(experiment.id, startedAt);
  const journal = JournalWriter.open(journalFile(options.journalDir, runId), runId, () => clock.now());
  const releaseLock = acquireRunLock(options.journalDir, runId, startedAt);
  const recorder = new RunRecorder(journal, options.listener);
  try {
    recorder.record({
      type: "run-started",
      experimentId: experiment.id,
      title: experiment.title,
      component: experiment.component,
      file,
      inventoryFile: options.inventory.file,
      host: hostname(),
      pid: process.pid,
      dryRun: false,
      variables,
    });
    recorder.record({ type: "phase", phase: "validate" });
    return await runPhases(options, deps, clock, recorder, startedAt);
  } finally {
    releaseLock();
    journal.close();
  }
}

async function runPhases(options: RunOptions, deps: RunDeps, clock: Clock, recorder: RunRecorder, startedAt: number): Promise<RunResult> {
  const { experiment } = options.loaded;
  const signal = options.signal ?? new AbortController().signal;
  const phase = (p: Phase) => recorder.record({ type: "phase", phase: p });
  phase("preflight");
  const checked = await preflight(experiment, options.inventory.inventory, deps, signal);
  if (!checked.ok) {
    recorder.record({ type: "preflight-refused", reasons: checked.reasons });
    return finishRun({ options, recorder, clock, startedAt, refusedReasons: checked.reasons, findings: checked.reasons.map((r) => `refused: ${r}`) });
  }
  return injectAndObserve(options, deps, clock, recorder, startedAt, checked.faults, signal);
}

async function injectAndObserve(
  options: RunOptions,
  deps: RunDeps,
  clock: Clock,
  recorder: RunRecorder,
  startedAt: number,
  faults: ReadyFault[],
  signal: AbortSignal,
): Promise<RunResult> {
  const { experiment } = options.loaded;
  const phase = (p: Phase) => recorder.record({ type: "phase", phase: p });
  const intervalMs = durationMs(experiment.observe.interval);
  const evaluator = new ProbeEvaluator(deps, { inventory: options.inventory.inventory, transports: deps.transports, secrets: deps.secrets, signal, baselines: new Map() });
  const ledger = new FaultLedger(
    faults,
    recorder,
    () => clock.now(),
    (message) => recorder.record({ type: "note", level: "info", message }),
    faultSafety(experiment, options.inventory.inventory),
  );
  const recovery = new RecoveryTracker(experiment.steadyState);
  const findings: string[] = [];
  const s = { steadyBefore: true, injectedAt: null as number | null, cancelled: false, errored: false, guardTripped: false, marked: false };
  let expectations: ExpectationOutcome[] | undefined;
  try {
    phase("steady-state-before");
    const before = await checkSteadyStateBefore(experiment.steadyState, evaluator, recorder, clock, intervalMs, signal);
    findings.push(...before.failures);
    const alreadyFiring = before.ok && !signal.aborted ? await alertsAlreadyActive(experiment, evaluator, recorder, clock.now()) : [];
    findings.push(...alreadyFiring);
    s.steadyBefore = before.ok && alreadyFiring.length === 0;
    if (s.steadyBefore && !signal.aborted) {
      phase("mark-start");
      s.marked = true;
      await mark(deps, recorder, "start", experiment, clock, signal);
      phase("inject");
      await evaluator.captureBaselines([...experiment.expectations, ...experiment.guards].map((e) => e.probe));
      for (let i = 0; i < ledger.count && !signal.aborted; i++) {
        const at = await ledger.inject(i, signal);
        s.injectedAt ??= at;
        evaluator.context.injectedAt = s.injectedAt;
      }
      if (s.injectedAt !== null) {
        await mark(deps, recorder, "injected", experiment, clock, signal);
        phase("observe");
        const seen = await observe({ experiment, injectedAt: s.injectedAt, ledger, evaluator, recorder, recovery, clock, signal });
        expectations = seen.expectations;
        if (seen.guardTripped) findings.push(`guard "${seen.guardTripped.name}" tripped (${seen.guardTripped.detail}): faults reverted at once`);
        s.guardTripped = seen.guardTripped !== undefined;
      }
    }
  } catch (e) {
    s.errored = !signal.aborted;
    findings.push(`${signal.aborted ? "cancelled" : "error"}: ${errorMessage(e)}`);
    recorder.record({ type: "note", level: "error", message: errorMessage(e) });
  } finally {
    phase("revert");
    await ledger.revertAll();
    if (s.injectedAt !== null) await mark(deps, recorder, "reverted", experiment, clock, AbortSignal.timeout(MARKER_TIMEOUT_MS));
  }
  s.cancelled = signal.aborted;
  if (s.cancelled) findings.push("the run was cancelled: every fault was reverted");

  let steadyBack = true;
  let recoverySince: number | null = null;
  if (s.injectedAt !== null && !s.cancelled) {
    phase("recover");
    recoverySince = ledger.nothingReversible ? s.injectedAt : (ledger.lastRevertAt() ?? s.injectedAt);
    const budgetMs = durationMs(experiment.recovery.budget);
    const back = await waitForRecovery(recovery, evaluator, recorder, clock, intervalMs, budgetMs, recoverySince, signal);
    steadyBack = back.back;
    if (!back.back) findings.push(`the steady state was not back within the recovery budget (${experiment.recovery.budget}): ${back.failures.join("; ")}`);
  }
  const outcomes = ledger.outcomes();
  for (const f of outcomes) {
    if (f.injectedAt !== null && !f.injectionVerified) findings.push(`fault ${f.faultId}: the injection could not be verified (${f.summary})`);
    if (f.revert === "failed") findings.push(`fault ${f.faultId}: revert failed: ${f.revertError ?? "not verified"}`);
  }
  const exp = expectations ?? [];
  for (const e of exp) if (!e.met) findings.push(`expectation "${e.name}" was not met: ${e.detail}`);
  // `end` closes whatever `start` opened, on every path that marked a start.
  if (s.marked) {
    phase("mark-end");
    await mark(deps, recorder, "end", experiment, clock, AbortSignal.timeout(MARKER_TIMEOUT_MS));
  }
  const timings = computeTimings({ injectedAt: s.injectedAt, expectations: exp, recoverySince, steadyBackAt: steadyBack ? (recovery.recoveredAt ?? null) : null });
  const verdict = computeVerdict({
    refused: false,
    errored: s.errored,
    cancelled: s.cancelled,
    guardTripped: s.guardTripped,
    steadyStateBefore: s.steadyBefore,
    allExpectationsMet: exp.every((e) => e.met) && outcomes.every((f) => f.injectedAt === null || f.injectionVerified),
    steadyStateBack: steadyBack,
    allRevertsVerified: !ledger.revertFailed,
  });
  return finishRun({ options, recorder, clock, startedAt, verdict, timings, findings, expectations: exp, faults: outcomes, revertFailed: ledger.revertFailed });
}

async function mark(deps: RunDeps, recorder: RunRecorder, moment: MarkerMoment, experiment: { id: string; title: string }, clock: Clock, signal: AbortSignal): Promise<void> {
  const sinks = deps.markers ?? [];
  if (sinks.length === 0) return;
  const outcomes = await markAll(sinks, moment, { experimentId: experiment.id, runId: recorder.runId, title: experiment.title, signal }, clock.now());
  for (const o of outcomes) recorder.record({ type: "marker", kind: moment, sink: o.sink, ok: o.ok, detail: o.detail });
}

function finishRun(r: {
  options: RunOptions;
  recorder: RunRecorder;
  clock: Clock;
  startedAt: number;
  verdict?: RunResult["verdict"];
  timings?: RunResult["timings"];
  findings: string[];
  refusedReasons?: string[];
  expectations?: ExpectationOutcome[];
  faults?: RunResult["faults"];
  revertFailed?: boolean;
}): RunResult {
  const verdict = r.verdict ?? "refused";
  const timings = r.timings ?? { detectMs: null, notifyMs: null, recoverMs: null };
  r.recorder.record({ type: "phase", phase: "verdict" });
  const finishedAt = r.clock.now();
  r.recorder.record({ type: "run-finished", at: finishedAt, verdict, timings, findings: r.findings, durationMs: finishedAt - r.startedAt });
  return {
    runId: r.recorder.runId,
    file: r.options.loaded.file,
    experiment: r.options.loaded.experiment,
    variables: r.options.loaded.variables,
    dryRun: false,
    verdict,
    timings,
    findings: r.findings,
    refusedReasons: r.refusedReasons ?? [],
    expectations: r.expectations ?? [],
    faults: r.faults ?? [],
    timeline: r.recorder.timeline,
    journalFile: r.recorder.file,
    startedAt: r.startedAt,
    finishedAt,
    revertFailed: r.revertFailed ?? false,
  };
}
