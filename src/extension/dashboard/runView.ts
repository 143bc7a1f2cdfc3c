import type { JournalEvent } from "../../engine/journal/journalEvents";
import type { RunEvent } from "../../engine/run/RunResult";
import type { RunView } from "../../shared/webviewProtocol";

const MAX_NOTES = 50;
/** A run's first events (validate, preflight, planning) are few; more than this is not an early arrival. */
const MAX_EARLY_EVENTS = 100;

/**
 * Folds a run's events into what the page draws. Only display fields cross to the page:
 * fault commands, transports and variables stay in the host. Fed live by the runner or
 * replayed from a journal after a reload; returns the same object when nothing visible changed.
 */
export function reduceRunView(view: RunView | null, event: RunEvent): RunView | null {
  if (event.kind === "sample") {
    // Live probe samples refresh an expectation's detail between the journal's state changes.
    const { sample } = event;
    if (view === null || sample.role !== "expectation") return view;
    const i = view.expectations.findIndex((e) => e.name === sample.name);
    const current = view.expectations[i];
    if (current === undefined || current.detail === sample.result.detail) return view;
    const expectations = view.expectations.slice();
    expectations[i] = { ...current, detail: sample.result.detail };
    return { ...view, expectations };
  }
  return reduceJournal(view, event.event);
}

export function reduceJournal(view: RunView | null, e: JournalEvent): RunView | null {
  if (e.type === "run-started") {
    return {
      runId: e.runId,
      experimentId: e.experimentId,
      title: e.title,
      dryRun: e.dryRun,
      startedAt: e.at,
      phases: [],
      faults: [],
      expectations: [],
      notes: [],
      window: { injectedAt: null, revertedAt: null, detectAt: null, recoverAt: null },
      verdict: null,
    };
  }
  if (view === null || view.runId !== e.runId) return view;
  switch (e.type) {
    case "phase":
      return { ...view, phases: [...view.phases, { phase: e.phase, at: e.at }] };
    case "fault-planned":
      return {
        ...view,
        faults: [
          ...view.faults.filter((f) => f.faultId !== e.faultId),
          { faultId: e.faultId, faultType: e.faultType, target: e.target, summary: e.summary, state: "planned", reversible: e.reversible, injectedAt: null, revertedAt: null, deadManAt: e.deadManAt },
        ],
      };
    case "fault-injected": {
      const faults = view.faults.map((f) => (f.faultId === e.faultId ? { ...f, state: "injected" as const, injectedAt: e.at } : f));
      return { ...view, faults, window: { ...view.window, injectedAt: view.window.injectedAt ?? e.at } };
    }
    case "fault-reverted": {
      const failed = !e.verified || e.error !== undefined;
      const faults = view.faults.map((f) =>
        f.faultId === e.faultId ? { ...f, state: failed ? ("revert-failed" as const) : ("reverted" as const), revertedAt: e.at, detail: e.error ?? (e.by === "runner" ? undefined : `reverted by ${e.by}`) } : f,
      );
      // The window closes when the last injected fault is back.
      const stillActive = faults.some((f) => f.state === "injected");
      return { ...view, faults, window: { ...view.window, revertedAt: stillActive ? null : e.at } };
    }
    case "expectation": {
      const rest = view.expectations.filter((x) => x.name !== e.name);
      const expectations = [...rest, { name: e.name, measures: e.measures, met: e.met, metAt: e.metAt, detail: e.detail }];
      const w = { ...view.window };
      if (e.met && e.metAt !== null && e.measures === "detect") w.detectAt = w.detectAt === null ? e.metAt : Math.min(w.detectAt, e.metAt);
      if (e.met && e.metAt !== null && e.measures === "recover") w.recoverAt = w.recoverAt === null ? e.metAt : Math.min(w.recoverAt, e.metAt);
      // Keep the plan's order: an update replaces the entry where it was.
      const order = view.expectations.map((x) => x.name);
      expectations.sort((a, b) => rank(order, a.name) - rank(order, b.name));
      return { ...view, expectations, window: w };
    }
    case "guard-tripped":
      return addNote(view, e.at, "error", `guard tripped: ${e.name}: ${e.detail}`);
    case "preflight-refused":
      return addNote(view, e.at, "error", `preflight refused: ${e.reasons.join("; ")}`);
    case "marker":
      return e.ok ? view : addNote(view, e.at, "warning", `${e.kind} marker to ${e.sink} failed: ${e.detail}`);
    case "note":
      return addNote(view, e.at, e.level, e.message);
    case "probe":
      return e.ok || e.role === "expectation" ? view : addNote(view, e.at, "warning", `${e.role} ${e.name}: ${e.detail}`);
    case "run-finished": {
      const w = { ...view.window };
      // Runs whose recovery is the steady state coming back have no recover expectation; the timing gives the moment.
      if (w.recoverAt === null && e.timings.recoverMs !== null) {
        const from = w.revertedAt ?? w.injectedAt;
        if (from !== null) w.recoverAt = from + e.timings.recoverMs;
      }
      return {
        ...view,
        window: w,
        verdict: { verdict: e.verdict, detectMs: e.timings.detectMs, notifyMs: e.timings.notifyMs, recoverMs: e.timings.recoverMs, findings: e.findings, durationMs: e.durationMs, at: e.at },
      };
    }
  }
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

function addNote(view: RunView, at: number, level: "info" | "warning" | "error", message: string): RunView {
  return { ...view, notes: [...view.notes, { at, level, message }].slice(-MAX_NOTES) };
}

/**
 * The live run view, fed events as the runner emits them. The panel's opener hands it
 * run-started only once the panel exists, so a run's first phases can overtake it: journal
 * events of a run not started here yet are held, and folded in right after its run-started.
 */
export class LiveRunView {
  private early: JournalEvent[] = [];

  constructor(public view: RunView | null = null) {}

  /** Applies one event; returns the new view, or the same object when nothing visible changed. */
  apply(event: RunEvent): RunView | null {
    if (event.kind === "journal") {
      const e = event.event;
      if (e.type === "run-started") {
        const held = this.early.filter((x) => x.runId === e.runId);
        this.early = [];
        this.view = held.reduce<RunView | null>((v, x) => reduceJournal(v, x), reduceJournal(this.view, e));
        return this.view;
      }
      if (this.view?.runId !== e.runId) {
        this.early = [...this.early.filter((x) => x.runId === e.runId), e].slice(-MAX_EARLY_EVENTS);
        return this.view;
      }
    }
    this.view = reduceRunView(this.view, event);
    return this.view;
  }
}
