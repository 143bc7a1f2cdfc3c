import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { ReportedRun } from "./markdownReport";
import { runbookPathFor, updateRunbook } from "./runbookFile";

export interface RunbookWrite {
  file: string;
  /** False when the file already held exactly this text. */
  changed: boolean;
}

/**
 * Where a run's runbook lives: the experiment's `runbook` (default runbooks/<component>.md)
 * relative to `base`, or, when a runbook directory is given, that file's name inside it.
 */
export function runbookFileFor(run: ReportedRun, base: string, runbookDir?: string): string {
  const path = runbookPathFor(run.experiment);
  return runbookDir === undefined ? resolve(base, path) : resolve(runbookDir, basename(path));
}

/** Replaces (or appends) the experiment's section in its runbook file; every byte outside the markers is kept. */
export function writeRunbook(run: ReportedRun, file: string): RunbookWrite {
  const current = readIfExists(file);
  const next = updateRunbook(current, run.experiment, run.facts);
  if (next === current) return { file, changed: false };
  writeFileAtomic(file, next);
  return { file, changed: true };
}

function readIfExists(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw e;
  }
}

/** Written beside the target and renamed over it, so an interrupted write never leaves the team's runbook half written. */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
