import * as vscode from "vscode";
import { readJournal } from "../../engine/journal/journalReader";
import { renderMarkdownReport } from "../../engine/reports/markdownReport";
import { runFacts } from "../../engine/reports/runFacts";
import type { Services } from "../services";
import { experimentOf, pickRun } from "./runOfArg";

/** Show Run Report: the engine's markdown report of one run, from its journal, in a preview. */
export async function showRunReport(services: Services, arg?: unknown): Promise<void> {
  services.journals.refresh();
  const run = await pickRun(services, arg, "Show Run Report");
  const contents = readJournal(run.file);
  const experiment = await experimentOf(services, contents.events);
  const markdown = renderMarkdownReport([{ experiment, facts: runFacts(contents.events), journalPath: vscode.workspace.asRelativePath(run.file) }]);
  const doc = await vscode.workspace.openTextDocument({ language: "markdown", content: markdown });
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand("markdown.showPreviewToSide", doc.uri);
}
