import * as vscode from "vscode";
import type { Services } from "../services";
import { renderDryRun } from "../run/renderDryRun";
import { experimentArg } from "./experimentArg";

/** Dry Run Experiment: what each fault would execute, on which target, in an untitled document. Changes nothing. */
export async function dryRunExperiment(services: Services, arg?: unknown): Promise<void> {
  const uri = await experimentArg(services, arg, "Dry Run Experiment");
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Dry run: resolving what would run…", cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return services.runs.execute(uri, { dryRun: true, confirmed: true, signal: controller.signal });
    },
  );
  const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: renderDryRun(result, vscode.workspace.asRelativePath(uri)) });
  await vscode.window.showTextDocument(doc, { preview: false });
}
