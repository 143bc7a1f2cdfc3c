import * as vscode from "vscode";
import { CommandIds, ViewIds } from "../commandIds";
import { reportError } from "../errors/commandWrapper";
import type { Services } from "../services";

/**
 * The start-up sweep: faults that the journals list as active for runs whose process is
 * gone (a crashed window, a killed CLI) are offered for revert. It asks rather than
 * reverts silently, and only in a trusted workspace, because a revert executes what the
 * journal recorded.
 */
export async function offerSweep(services: Services): Promise<void> {
  const { runs, journals, log } = services;
  journals.refresh();
  const orphaned = journals.activeFaults.filter((f) => !f.live);
  if (orphaned.length === 0) return;
  const experiments = [...new Set(orphaned.map((f) => f.experimentId))].join(", ");
  log.warn(`${orphaned.length} fault(s) left active by an earlier session (${experiments})`);
  const revert = "Revert Now";
  const show = "Show";
  const message = `${orphaned.length} fault(s) were left active by an earlier session (${experiments}).${vscode.workspace.isTrusted ? " Revert them now?" : " Trust this workspace to revert them."}`;
  const choice = vscode.workspace.isTrusted ? await vscode.window.showWarningMessage(message, revert, show) : await vscode.window.showWarningMessage(message, show);
  if (choice === show) await vscode.commands.executeCommand(`${ViewIds.activeFaults}.focus`);
  if (choice !== revert) return;
  try {
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "Reverting faults left by an earlier session…" }, () => runs.sweep());
    if (outcome.failed.length > 0) {
      const again = await vscode.window.showErrorMessage(`${outcome.failed.length} fault(s) could not be reverted; see the log.`, "Stop and Revert All", "Show Log");
      if (again) await vscode.commands.executeCommand(again === "Show Log" ? CommandIds.showLog : CommandIds.haltAll);
    } else {
      void vscode.window.showInformationMessage(`Reverted ${outcome.reverted} fault(s) left by an earlier session.`);
    }
  } catch (e) {
    await reportError("sweep", log, e);
  }
}
