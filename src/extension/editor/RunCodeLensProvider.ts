import * as vscode from "vscode";
import { CommandIds } from "../commandIds";
import { Disposable } from "../Disposable";
import type { RunActivity } from "../run/RunActivity";

/** "Run | Dry run" atop each experiment file ("Running… Stop and revert" while it runs). */
export class RunCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly runs: RunActivity) {
    super();
    this._register(runs.onDidChange(() => this.changed.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const idLine = findIdLine(document);
    const range = new vscode.Range(idLine, 0, idLine, 0);
    if (this.runs.running.some((r) => r.file === document.uri.fsPath && !r.dryRun)) {
      return [new vscode.CodeLens(range, { title: "$(sync~spin) Running… Stop and revert", command: CommandIds.haltAll })];
    }
    return [
      new vscode.CodeLens(range, { title: "$(play) Run", tooltip: "Run Chaos Experiment (asks before injecting anything)", command: CommandIds.runExperiment, arguments: [document.uri] }),
      new vscode.CodeLens(range, { title: "Dry run", tooltip: "Show exactly what would be executed, change nothing", command: CommandIds.dryRunExperiment, arguments: [document.uri] }),
    ];
  }
}

/** The lens sits on the `id:` line: the top of the experiment proper, below any schema comment. */
function findIdLine(document: vscode.TextDocument): number {
  for (let i = 0; i < Math.min(document.lineCount, 50); i++) {
    if (/^id\s*:/.test(document.lineAt(i).text)) return i;
  }
  return 0;
}
