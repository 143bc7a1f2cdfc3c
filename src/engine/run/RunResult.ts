import type { JournalEvent, Timings, Verdict } from "../journal/journalEvents";
import type { Experiment } from "../model/experimentSchema";
import type { FaultType } from "../model/faultSchemas";
import type { ProbeResult } from "../probes/ProbeDriver";

export interface ExpectationOutcome {
  name: string;
  measures: "detect" | "notify" | "recover" | null;
  mode: "eventually" | "throughout";
  withinMs: number;
  met: boolean;
  /** Epoch ms when first seen met (eventually) or when the observation ended holding (throughout). */
  metAt: number | null;
  detail: string;
}

export type RevertState = "verified" | "failed" | "not-needed" | "not-planned";

export interface FaultOutcome {
  faultId: string;
  type: FaultType;
  target: string;
  summary: string;
  commands: string[];
  revertCommands: string[];
  reversible: boolean;
  injectedAt: number | null;
  injectionVerified: boolean;
  revert: RevertState;
  revertedAt: number | null;
  revertError?: string;
}

/** What a run produced: the CLI prints it, JUnit and the markdown report render it, the extension shows it. */
export interface RunResult {
  runId: string;
  file: string;
  experiment: Experiment;
  variables: Record<string, string | number | boolean>;
  dryRun: boolean;
  verdict: Verdict;
  timings: Timings;
  findings: string[];
  /** Why preflight refused (empty otherwise). */
  refusedReasons: string[];
  expectations: ExpectationOutcome[];
  faults: FaultOutcome[];
  /** Every journal line of the run, in order. */
  timeline: JournalEvent[];
  /** The run's journal, or null for a dry run (which writes nothing). */
  journalFile: string | null;
  startedAt: number;
  finishedAt: number;
  /** True when at least one revert failed or could not be verified: the stack may still be broken. */
  revertFailed: boolean;
}

/** A probe sample during the run: not journaled one by one (only state changes are), but streamed to views. */
export interface ProbeSample {
  at: number;
  role: "steady-state-before" | "steady-state-after" | "expectation" | "guard";
  name: string;
  result: ProbeResult;
}

export type RunEvent = { kind: "journal"; event: JournalEvent } | { kind: "sample"; sample: ProbeSample };
export type RunListener = (event: RunEvent) => void;
