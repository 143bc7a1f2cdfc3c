import * as vscode from "vscode";
import { Cancelled, UserError } from "../errors/UserError";
import type { Services } from "../services";

/** Clear Secret: forgets a stored credential. */
export async function clearSecret(services: Services): Promise<void> {
  const names = services.secrets.names;
  if (names.length === 0) throw new UserError("No secret is stored.");
  const picked = await vscode.window.showQuickPick(names, { title: "Clear Secret", placeHolder: "Forget which secret?" });
  if (!picked) throw new Cancelled();
  await services.secrets.clear(picked);
  services.log.info(`secret ${picked} cleared`);
  void vscode.window.showInformationMessage(`Secret ${picked} cleared.`);
}
