import * as vscode from "vscode";
import { readJournal, type RunState } from "../../engine/journal/journalReader";
import { loadExperimentFile } from "../../engine/load/loadExperiment";
import { Cancelled, UserError } from "../errors/UserError";
import { formatAge } from "../format/formatTime";
import type { Services } from "../services";
import { ExperimentNode } from "../tree/experiments/ExperimentNode";

/** The run a command is about: a run id (from a notification), an experiment's last run (tree), or one picked. */
export async function pickRun(services: Services, arg: unknown, title: string): Promise<RunState> {
  const runs = services.journals.allRuns;
  if (typeof arg === "string") {
    const run = runs.find((r) => r.runId === arg);
    if (run) return run;
  }
  if (arg instanceof ExperimentNode) {
    const run = services.journals.lastRunOf(arg.entry.id);
    if (!run) throw new UserError(`${arg.entry.id} has not been run yet.`);
    return run;
  }
  if (runs.length === 0) throw new UserError("No run journal yet: run an experiment first.");
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    [...runs].reverse().map((r) => ({ label: `${r.experimentId} · ${r.verdict ?? (r.live ? "running" : "unfinished")}`, description: formatAge(r.startedAt, now), detail: r.runId, run: r })),
    { title, placeHolder: "Which run?" },
  );
  if (!picked) throw new Cancelled();
  return picked.run;
}

/** The experiment as the run saw it: the file it ran, with the variables it used. */
export async function experimentOf(services: Services, events: ReturnType<typeof readJournal>["events"]) {
  const started = events.find((e) => e.type === "run-started");
  if (!started || started.type !== "run-started") throw new UserError("This journal has no run-started line.");
  const entry = services.catalog.all.find((e) => e.uri.fsPath === started.file);
  if (entry?.loaded) return entry.loaded.experiment;
  const loaded = await loadExperimentFile(started.file, services.inventory.loaded);
  if (!loaded.ok) throw new UserError(`Cannot load ${started.file} for the report: ${loaded.diagnostics[0]?.message ?? "invalid"}`);
  return loaded.value.experiment;
}
