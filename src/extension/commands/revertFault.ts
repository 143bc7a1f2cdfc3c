import * as vscode from "vscode";
import { Cancelled, UserError } from "../errors/UserError";
import type { Services } from "../services";
import { ActiveFaultNode } from "../tree/activeFaults/ActiveFaultNode";

/** Revert Fault: the Active Faults view's inline button. */
export async function revertFault(services: Services, arg?: unknown): Promise<void> {
  const fault = arg instanceof ActiveFaultNode ? arg.fault : await pick(services);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reverting ${fault.planned.faultId} on ${fault.planned.target}…` },
    () => services.runs.revertFault(fault.runId, fault.planned.faultId),
  );
  const failed = outcome.failed[0];
  if (failed) throw new UserError(`Could not revert ${failed.faultId} on ${failed.target}: ${failed.error}`);
}

async function pick(services: Services) {
  const faults = services.journals.activeFaults;
  if (faults.length === 0) throw new UserError("No fault is active.");
  const picked = await vscode.window.showQuickPick(
    faults.map((f) => ({ label: `${f.planned.faultId} on ${f.planned.target}`, description: f.experimentId, detail: f.planned.summary, fault: f })),
    { title: "Revert Fault" },
  );
  if (!picked) throw new Cancelled();
  return picked.fault;
}
