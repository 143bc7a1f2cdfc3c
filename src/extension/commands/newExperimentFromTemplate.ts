import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import * as vscode from "vscode";
import { Cancelled, UserError } from "../errors/UserError";
import type { Services } from "../services";
import { fileNameFor, listPlanTemplates, withNewId } from "../workspace/planTemplates";

const IdPattern = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** New Experiment from Template: one of the plan's experiments, copied under a new id and opened. */
export async function newExperimentFromTemplate(services: Services): Promise<void> {
  const root = services.settings.workspaceRoot;
  if (!root) throw new UserError("Open a folder first: the experiment is written to its experiments/ folder.");
  const templates = await listPlanTemplates(services.templatesDir);
  if (templates.length === 0) throw new UserError(`No experiment templates found in ${services.templatesDir}.`);
  const picked = await vscode.window.showQuickPick(
    templates.map((t) => ({ label: t.id, description: t.title, template: t })),
    { title: "New Experiment from Template", placeHolder: "Start from which of the plan's experiments?" },
  );
  if (!picked) throw new Cancelled();
  await services.catalog.whenReady();
  const taken = new Set(services.catalog.all.map((e) => e.id));
  const id = await vscode.window.showInputBox({
    title: "New Experiment from Template",
    prompt: "Id of the new experiment",
    value: nextId(taken),
    validateInput: (v) => (!IdPattern.test(v) ? "Letters, digits, - and _, starting with a letter." : taken.has(v) ? `${v} exists already.` : undefined),
  });
  if (id === undefined) throw new Cancelled();
  const dir = path.join(root, "experiments");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, fileNameFor(id, picked.template.title));
  try {
    await writeFile(file, withNewId(picked.template.text, id), { flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new UserError(`${vscode.workspace.asRelativePath(file)} exists already.`);
    throw e;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file));
}

function nextId(taken: Set<string>): string {
  for (let n = 1; n < 1000; n++) {
    const id = `CT-${String(n).padStart(2, "0")}`;
    if (!taken.has(id)) return id;
  }
  return "CT-NEW";
}
