import * as path from "node:path";
import * as vscode from "vscode";
import { errorMessage } from "../../engine/errors";
import { readJournal } from "../../engine/journal/journalReader";
import type { Experiment } from "../../engine/model/experimentSchema";
import { runbookPathFor, updateRunbook } from "../../engine/reports/runbookFile";
import { runFacts, type RunFacts } from "../../engine/reports/runFacts";
import { UserError } from "../errors/UserError";
import type { Services } from "../services";
import { experimentOf, pickRun } from "./runOfArg";

export const RUNBOOK_PROPOSAL_SCHEME = "surveillance-chaos-runbook";

/** Read-only documents holding proposed runbooks, shown on the right of the review diff. */
export class RunbookProposals implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  put(target: vscode.Uri, text: string, side: "proposed" | "empty"): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: RUNBOOK_PROPOSAL_SCHEME, path: target.path, query: side });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "";
  }
}

/**
 * Review Runbook Edit: the section a run writes into its runbook, shown as a diff against
 * the file as it is (unsaved edits included), applied only when the user says so, as an
 * undoable workspace edit. Text outside the section's markers is never touched.
 */
export async function reviewRunbookEdit(services: Services, proposals: RunbookProposals, arg?: unknown): Promise<void> {
  services.journals.refresh();
  const run = await pickRun(services, arg, "Review Runbook Edit");
  const { events } = readJournal(run.file);
  const experiment = await experimentOf(services, events);
  const root = services.settings.workspaceRoot;
  if (!root) throw new UserError("Open the stack's folder first: the runbook lives in the workspace.");
  const target = vscode.Uri.file(path.join(root, runbookPathFor(experiment)));
  const relative = vscode.workspace.asRelativePath(target);
  const facts = runFacts(events);

  const current = await currentText(target);
  const proposed = propose(current ?? "", experiment, facts);
  if (proposed === (current ?? "")) {
    void vscode.window.showInformationMessage(`${relative} already holds this run's ${experiment.id} section.`);
    return;
  }
  const left = current === undefined ? proposals.put(target, "", "empty") : target;
  const right = proposals.put(target, proposed, "proposed");
  await vscode.commands.executeCommand("vscode.diff", left, right, `${relative} ↔ ${experiment.id} run ${run.runId} (proposed)`);

  const apply = "Apply Edit";
  const choice = await vscode.window.showInformationMessage(
    `Apply ${experiment.id}'s section to ${relative}? Only the text between its markers changes.`,
    apply,
    "Discard",
  );
  if (choice !== apply) return;
  // The file may have been edited while the diff was open: the section is recomputed on what is there now.
  await applyRunbook(target, propose((await currentText(target)) ?? "", experiment, facts));
  await vscode.window.showTextDocument(target, { preview: false });
}

function propose(current: string, experiment: Experiment, facts: RunFacts): string {
  try {
    return updateRunbook(current, experiment, facts);
  } catch (e) {
    throw new UserError(errorMessage(e));
  }
}

/** The runbook as the editor has it (unsaved changes included), or undefined when there is no file yet. */
async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

async function applyRunbook(target: vscode.Uri, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const existing = await currentText(target);
  if (existing === undefined) {
    edit.createFile(target, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
  } else {
    const doc = await vscode.workspace.openTextDocument(target);
    edit.replace(target, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new UserError(`VS Code refused the edit to ${vscode.workspace.asRelativePath(target)}.`);
  const saved = await (await vscode.workspace.openTextDocument(target)).save();
  if (!saved) throw new UserError(`The runbook edit was applied but ${vscode.workspace.asRelativePath(target)} could not be saved.`);
}
