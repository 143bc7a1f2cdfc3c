import * as vscode from "vscode";
import { Cancelled } from "../errors/UserError";
import { secretNamesIn } from "../secrets/secretNames";
import type { Services } from "../services";

/** Set Secret: a credential the inventory names (`{ secret: NAME }`), kept in SecretStorage. */
export async function setSecret(services: Services): Promise<void> {
  const referenced = secretNamesIn(services.inventory.loaded?.inventory);
  const stored = new Set(services.secrets.names);
  const other = "$(add) Another name…";
  const picked = await vscode.window.showQuickPick(
    [...referenced.map((n) => ({ label: n, description: stored.has(n) ? "set" : "not set" })), { label: other, description: "" }],
    { title: "Set Secret", placeHolder: "Which secret (as the inventory names it)?" },
  );
  if (!picked) throw new Cancelled();
  let name = picked.label;
  if (name === other) {
    const typed = await vscode.window.showInputBox({
      title: "Set Secret",
      prompt: "Secret name",
      validateInput: (v) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? undefined : "Letters, digits and _, not starting with a digit."),
    });
    if (!typed) throw new Cancelled();
    name = typed;
  }
  if ((await services.secrets.ask(name)) === undefined) throw new Cancelled();
  services.log.info(`secret ${name} set`);
  void vscode.window.showInformationMessage(`Secret ${name} saved in VS Code's secret storage.`);
}
