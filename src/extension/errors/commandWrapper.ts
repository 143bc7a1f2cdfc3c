import * as vscode from "vscode";
import { CommandIds } from "../commandIds";
import { Cancelled, UserError } from "./UserError";

/**
 * The one error path of every command: cancelling is silent, a domain error shows its own
 * message, anything else is logged with its stack; each failure shows ONE message with a
 * "Show Log" action.
 */
export function registerCommand(
  id: string,
  log: vscode.LogOutputChannel,
  handler: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (e) {
      await reportError(id, log, e);
      return undefined;
    }
  });
}

export async function reportError(where: string, log: vscode.LogOutputChannel, e: unknown): Promise<void> {
  if (e instanceof Cancelled || (e instanceof vscode.CancellationError)) return;
  const showLog = "Show Log";
  if (e instanceof UserError) {
    log.warn(`${where}: ${e.message}`);
    const choice = await vscode.window.showErrorMessage(e.message, ...e.actions.map((a) => a.title), showLog);
    const action = e.actions.find((a) => a.title === choice);
    if (action) await vscode.commands.executeCommand(action.command, ...(action.args ?? []));
    else if (choice === showLog) await vscode.commands.executeCommand(CommandIds.showLog);
    return;
  }
  const error = e instanceof Error ? e : new Error(String(e));
  log.error(`${where} failed: ${error.stack ?? error.message}`);
  const choice = await vscode.window.showErrorMessage(`Surveillance Chaos: ${error.message}`, showLog);
  if (choice === showLog) await vscode.commands.executeCommand(CommandIds.showLog);
}
