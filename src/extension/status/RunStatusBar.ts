import * as vscode from "vscode";
import { CommandIds } from "../commandIds";
import { disposableInterval, Disposable } from "../Disposable";
import { formatElapsed } from "../format/formatTime";
import type { JournalStore } from "../journal/JournalStore";
import type { RunActivity } from "../run/RunActivity";

/**
 * One status-bar button for Stop and Revert All. It turns to the warning colour while any
 * fault is active or a run is in progress, and then shows the experiment and its elapsed time.
 */
export class RunStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem("surveillanceChaos.status", vscode.StatusBarAlignment.Left, 50));
  private ticker: vscode.Disposable | undefined;

  constructor(
    private readonly runs: RunActivity,
    private readonly journals: JournalStore,
  ) {
    super();
    this.item.name = "Surveillance Chaos";
    this.item.command = CommandIds.haltAll;
    this._register(runs.onDidChange(() => this.update()));
    this._register(journals.onDidChange(() => this.update()));
    this._register({ dispose: () => this.ticker?.dispose() });
    this.update();
    this.item.show();
  }

  private update(): void {
    const running = this.runs.running.filter((r) => !r.dryRun);
    const faults = this.journals.activeFaults.length;
    if (running.length > 0 && !this.ticker) this.ticker = disposableInterval(() => this.update(), 1000);
    if (running.length === 0 && this.ticker) {
      this.ticker.dispose();
      this.ticker = undefined;
    }
    const warning = running.length > 0 || faults > 0;
    this.item.backgroundColor = warning ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
    this.item.color = warning ? new vscode.ThemeColor("statusBarItem.warningForeground") : undefined;
    const first = running[0];
    const faultText = faults === 1 ? "1 fault active" : `${faults} faults active`;
    if (first) {
      const more = running.length > 1 ? ` +${running.length - 1}` : "";
      this.item.text = `$(sync~spin) ${first.experimentId}${more} ${formatElapsed(Date.now() - first.startedAt)}`;
      this.item.tooltip = `Running ${first.experimentId}: ${first.title}${faults > 0 ? ` (${faultText})` : ""}. Click to stop and revert all faults.`;
    } else if (faults > 0) {
      this.item.text = `$(flame) ${faultText}`;
      this.item.tooltip = "Faults are active according to the journals. Click to stop and revert all faults.";
    } else {
      this.item.text = "$(shield) Chaos";
      this.item.tooltip = "No fault is active. Click to check and revert anything left active.";
    }
    this.item.accessibilityInformation = { label: `Surveillance Chaos: ${this.item.text.replace(/\$\([^)]*\)\s*/g, "")}` };
  }
}
