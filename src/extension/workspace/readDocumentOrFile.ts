import { readFile } from "node:fs/promises";
import * as vscode from "vscode";

/** What the user sees: the open editor's text when the file is open (unsaved edits included), else the file on disk. */
export async function readDocumentOrFile(fsPath: string): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === "file" && d.uri.fsPath === fsPath);
  if (open) return open.getText();
  try {
    return await readFile(fsPath, "utf8");
  } catch {
    return undefined;
  }
}
