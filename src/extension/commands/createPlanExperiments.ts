import { access, mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import * as vscode from "vscode";
import { ViewIds } from "../commandIds";
import { UserError } from "../errors/UserError";
import type { Services } from "../services";
import { listPlanTemplates } from "../workspace/planTemplates";

/** Create the Plan's Experiments: writes CT-01…CT-04 into experiments/, never overwriting a file that exists. */
export async function createPlanExperiments(services: Services): Promise<void> {
  const root = services.settings.workspaceRoot;
  if (!root) throw new UserError("Open a folder first: the experiments are written to its experiments/ folder.");
  const templates = await listPlanTemplates(services.templatesDir);
  if (templates.length === 0) throw new UserError(`No experiment templates found in ${services.templatesDir}.`);
  const dir = path.join(root, "experiments");
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const kept: string[] = [];
  for (const t of templates) {
    const target = path.join(dir, t.name);
    if (await exists(target)) {
      kept.push(t.id);
      continue;
    }
    await writeFile(target, t.text, { flag: "wx" });
    written.push(t.id);
  }
  await services.catalog.rescan();
  await vscode.commands.executeCommand(`${ViewIds.experiments}.focus`);
  const keptNote = kept.length > 0 ? ` Kept existing: ${kept.join(", ")}.` : "";
  void vscode.window.showInformationMessage(`${written.length > 0 ? `Created ${written.join(", ")} in experiments/.` : "All of the plan's experiments exist already."}${keptNote}`);
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}
