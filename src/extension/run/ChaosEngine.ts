import type { LoadedExperiment } from "../../engine/load/loadExperiment";
import type { LoadedInventory } from "../../engine/load/loadInventory";
import type { SecretResolver } from "../../engine/probes/ProbeDriver";
import type { RunListener, RunResult } from "../../engine/run/RunResult";

export interface RunRequest {
  loaded: LoadedExperiment;
  inventory: LoadedInventory;
  journalDir: string;
  dryRun: boolean;
  secrets: SecretResolver;
  /** Aborting reverts: the runner treats it like SIGINT. */
  signal: AbortSignal;
  listener: RunListener;
}

export interface RevertRequest {
  journalDir: string;
  inventory: LoadedInventory;
  secrets: SecretResolver;
  /** Only these runs (and, with faultId, only that fault); all active faults when absent. */
  runIds?: readonly string[];
  faultId?: string;
  /** Include runs whose process is still alive (halt does; the start-up sweep does not). */
  includeLive: boolean;
  log(message: string): void;
}

export interface RevertOutcome {
  reverted: number;
  failed: { runId: string; faultId: string; target: string; error: string }[];
}

/**
 * The engine as the extension uses it. The one implementation (`engineBinding.ts`) loads
 * the runner with `await import()`, so ssh2 and dockerode are only evaluated when a run
 * or a revert actually needs them.
 */
export interface ChaosEngine {
  run(request: RunRequest): Promise<RunResult>;
  revert(request: RevertRequest): Promise<RevertOutcome>;
}
