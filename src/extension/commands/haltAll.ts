import * as vscode from "vscode";
import type { Services } from "../services";
import { UserError } from "../errors/UserError";

/** Stop and Revert All Faults: idempotent; no confirmation, because it only ever makes things safer. */
export async function haltAll(services: Services): Promise<void> {
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Stopping runs and reverting all faults…" },
    () => services.runs.haltAll(),
  );
  if (outcome.failed.length > 0) {
    const list = outcome.failed.map((f) => `${f.faultId} on ${f.target}: ${f.error}`).join("; ");
    throw new UserError(`${outcome.failed.length} fault(s) could not be reverted: ${list}`);
  }
  const remaining = services.journals.activeFaults.length;
  void vscode.window.showInformationMessage(
    remaining === 0 ? `No fault is active${outcome.reverted > 0 ? ` (${outcome.reverted} reverted)` : ""}.` : `${remaining} fault(s) still listed as active.`,
  );
}
