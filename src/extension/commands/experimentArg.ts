import * as vscode from "vscode";
import { Cancelled, UserError } from "../errors/UserError";
import { formatAge } from "../format/formatTime";
import type { Services } from "../services";
import { ExperimentNode } from "../tree/experiments/ExperimentNode";

/**
 * The experiment a command acts on: the tree node, CodeLens or editor-title URI it was
 * invoked with, else the active editor's experiment (only when invoked from that editor),
 * else a quick pick.
 */
export async function experimentArg(services: Services, arg: unknown, title: string): Promise<vscode.Uri> {
  if (arg instanceof ExperimentNode) return arg.entry.uri;
  if (arg instanceof vscode.Uri) return arg;
  await services.catalog.whenReady();
  const entries = services.catalog.all;
  if (entries.length === 0) {
    throw new UserError("No experiment files (*.chaos.yaml) in this workspace.", [
      { title: "Create the Plan's Experiments", command: "surveillanceChaos.createPlanExperiments" },
    ]);
  }
  const now = Date.now();
  const items = entries.map((e) => {
    const last = services.journals.lastRunOf(e.id);
    const state = !e.loaded ? `$(warning) ${e.diagnostics.length} problem(s)` : last?.verdict ? `last ${last.verdict} ${formatAge(last.finishedAt ?? last.startedAt, now)}` : "never run";
    return {
      label: e.id,
      description: e.title,
      detail: `${e.component} · ${state} · ${vscode.workspace.asRelativePath(e.uri)}`,
      uri: e.uri,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: "Pick an experiment", matchOnDescription: true, matchOnDetail: true });
  if (!picked) throw new Cancelled();
  return picked.uri;
}
