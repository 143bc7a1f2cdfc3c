import { join } from "node:path";

/** Every file the lab writes lives under lab/.state (git-ignored). */
export interface LabPaths {
  state: string;
  /** PID files of processes labctl spawned: <name>.pid plus <name>.meta.json. */
  pids: string;
  logs: string;
  /** PID files of the supervisor's children: <program>.pid. */
  run: string;
  /** Hold files: <program>.stopped keeps the supervisor from running <program>. */
  holds: string;
  sinks: string;
}

export function labPaths(repo: string): LabPaths {
  const state = join(repo, "lab", ".state");
  const run = join(state, "run");
  return {
    state,
    pids: join(state, "pids"),
    logs: join(state, "logs"),
    run,
    holds: join(run, "supervisor"),
    sinks: join(state, "sinks"),
  };
}

/** The repository root, from this file's location (lab/paths.ts). */
export function repoRoot(): string {
  return join(import.meta.dirname, "..");
}
