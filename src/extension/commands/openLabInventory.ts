import { access, copyFile, mkdir } from "node:fs/promises";
import * as path from "node:path";
import * as vscode from "vscode";
import { UserError } from "../errors/UserError";
import type { Services } from "../services";

/**
 * Open the Demo Lab Inventory: opens the inventory the settings name; when there is none,
 * first writes the demo lab's (targets on 127.0.0.1 that `npm run lab:up` starts).
 */
export async function openLabInventory(services: Services): Promise<void> {
  const file = services.settings.inventoryFile;
  if (!file) throw new UserError("Open a folder first: the inventory lives in the workspace.");
  try {
    await access(file);
  } catch {
    await mkdir(path.dirname(file), { recursive: true });
    await copyFile(path.join(services.templatesDir, "targets.yaml"), file);
    await services.inventory.reload();
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}
