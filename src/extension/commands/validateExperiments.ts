import * as vscode from "vscode";
import type { Services } from "../services";

/** Validate Experiments: reloads every file against the inventory; problems go to the Problems panel. */
export async function validateExperiments(services: Services): Promise<void> {
  await services.inventory.reload();
  await services.catalog.rescan();
  const entries = services.catalog.all;
  const invalid = entries.filter((e) => !e.loaded);
  const inventory = services.inventory.state;
  const inventoryNote = inventory.kind === "invalid" ? " The inventory has problems too." : inventory.kind === "missing" ? " No inventory found: targets were not checked." : "";
  if (invalid.length === 0 && inventory.kind !== "invalid") {
    void vscode.window.showInformationMessage(`${entries.length} experiment file(s) valid.${inventoryNote}`);
    return;
  }
  await vscode.commands.executeCommand("workbench.actions.view.problems");
  void vscode.window.showWarningMessage(`${invalid.length} of ${entries.length} experiment file(s) have problems (${invalid.map((e) => e.id).join(", ") || "none"}).${inventoryNote}`);
}
