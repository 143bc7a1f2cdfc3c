import * as path from "node:path";
import * as vscode from "vscode";
import { listRuns, type ActiveFault, type RunState } from "../../engine/journal/journalReader";
import { Debouncer, Disposable } from "../Disposable";
import type { Settings } from "../settings";

export type ActiveFaultEntry = ActiveFault & { live: boolean };

/**
 * The journals as the views need them: the last run of each experiment and every fault
 * still active. Re-read (debounced) whenever a journal file changes, so runs made by the
 * CLI in a terminal show up too.
 */
export class JournalStore extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly debounce = this._register(new Debouncer(200));
  private runs: RunState[] = [];
  private watcher: vscode.FileSystemWatcher | undefined;

  constructor(private readonly settings: Settings) {
    super();
    this._register(settings.onDidChange(() => this.watch()));
    this._register({ dispose: () => this.watcher?.dispose() });
    this.watch();
  }

  /** Every run, oldest first. */
  get allRuns(): readonly RunState[] {
    return this.runs;
  }

  lastRunOf(experimentId: string): RunState | undefined {
    for (let i = this.runs.length - 1; i >= 0; i--) {
      const run = this.runs[i]!;
      if (run.experimentId === experimentId) return run;
    }
    return undefined;
  }

  get activeFaults(): ActiveFaultEntry[] {
    return this.runs.flatMap((r) => r.activeFaults.map((f) => ({ ...f, live: r.live })));
  }

  /** Re-reads soon, coalescing bursts (a run's events arrive many per second). */
  scheduleRefresh(): void {
    this.debounce.schedule(() => this.refresh());
  }

  refresh(): void {
    const dir = this.settings.journalDir;
    this.runs = dir ? listRuns(dir) : [];
    this.changed.fire();
  }

  private watch(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    const dir = this.settings.journalDir;
    if (dir) {
      // Watched from the workspace root when the folder is inside it: the journal folder
      // usually does not exist yet, and a watcher on a missing folder sees nothing.
      const root = this.settings.workspaceRoot;
      const inside = root !== undefined && !path.relative(root, dir).startsWith("..") && !path.isAbsolute(path.relative(root, dir));
      const pattern = inside
        ? new vscode.RelativePattern(vscode.Uri.file(root), `${path.relative(root, dir).split(path.sep).join("/")}/*.{jsonl,lock}`)
        : new vscode.RelativePattern(vscode.Uri.file(dir), "*.{jsonl,lock}");
      const w = vscode.workspace.createFileSystemWatcher(pattern);
      const schedule = () => this.scheduleRefresh();
      w.onDidChange(schedule);
      w.onDidCreate(schedule);
      w.onDidDelete(schedule);
      this.watcher = w;
    }
    this.refresh();
  }
}
