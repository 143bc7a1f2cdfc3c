import * as vscode from "vscode";
import type { RunState } from "../../../engine/journal/journalReader";
import { formatAge, formatMeasured } from "../../format/formatTime";
import type { ExperimentEntry } from "../../workspace/ExperimentCatalog";

/** The state an experiment node shows, also encoded in its contextValue (`experiment.<state>`) for menus. */
export type ExperimentState = "running" | "passed" | "failed" | "other" | "idle" | "invalid";

export class ExperimentNode {
  readonly kind = "experiment";

  constructor(
    readonly entry: ExperimentEntry,
    readonly lastRun: RunState | undefined,
    readonly running: boolean,
  ) {}

  get state(): ExperimentState {
    if (this.running) return "running";
    if (!this.entry.loaded) return "invalid";
    const verdict = this.lastRun?.verdict;
    if (verdict === undefined) return "idle";
    if (verdict === "passed") return "passed";
    if (verdict === "failed") return "failed";
    return "other";
  }

  getTreeItem(now: number): vscode.TreeItem {
    const item = new vscode.TreeItem(`${this.entry.id} · ${this.entry.title}`, vscode.TreeItemCollapsibleState.None);
    item.id = `experiment:${this.entry.uri.toString()}`;
    item.resourceUri = this.entry.uri;
    item.contextValue = `experiment.${this.state}`;
    item.iconPath = iconFor(this.state);
    item.description = this.describe(now);
    item.tooltip = this.tooltip(now);
    item.command = { command: "vscode.open", title: "Open Experiment", arguments: [this.entry.uri] };
    return item;
  }

  private describe(now: number): string {
    if (this.running) return "running…";
    if (!this.entry.loaded) return `${this.entry.diagnostics.length} problem(s)`;
    const run = this.lastRun;
    if (!run?.verdict) return "never run";
    const when = formatAge(run.finishedAt ?? run.startedAt, now);
    const t = run.timings;
    const times = t ? ` · detect ${formatMeasured(t.detectMs)} · notify ${formatMeasured(t.notifyMs)} · recover ${formatMeasured(t.recoverMs)}` : "";
    return `${run.verdict} ${when}${times}`;
  }

  private tooltip(now: number): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${this.entry.id}**: ${escape(this.entry.title)}\n\n`);
    md.appendMarkdown(`component \`${this.entry.component}\`\n\n`);
    const run = this.lastRun;
    if (run?.verdict) {
      md.appendMarkdown(`Last run: **${run.verdict}** ${formatAge(run.finishedAt ?? run.startedAt, now)} (\`${run.runId}\`)\n\n`);
      if (run.timings) {
        md.appendMarkdown(
          `| detect | notify | recover |\n|---|---|---|\n| ${formatMeasured(run.timings.detectMs)} | ${formatMeasured(run.timings.notifyMs)} | ${formatMeasured(run.timings.recoverMs)} |\n\n`,
        );
      }
      for (const f of run.findings) md.appendMarkdown(`- ${escape(f)}\n`);
    }
    if (!this.entry.loaded) {
      for (const d of this.entry.diagnostics.slice(0, 5)) md.appendMarkdown(`- line ${d.line}: ${escape(d.message)}\n`);
    }
    return md;
  }
}

function iconFor(state: ExperimentState): vscode.ThemeIcon {
  switch (state) {
    case "running":
      return new vscode.ThemeIcon("sync~spin", new vscode.ThemeColor("charts.yellow"));
    case "passed":
      return new vscode.ThemeIcon("pass", new vscode.ThemeColor("testing.iconPassed"));
    case "failed":
      return new vscode.ThemeIcon("error", new vscode.ThemeColor("testing.iconFailed"));
    case "other":
      return new vscode.ThemeIcon("circle-slash", new vscode.ThemeColor("testing.iconSkipped"));
    case "invalid":
      return new vscode.ThemeIcon("warning", new vscode.ThemeColor("problemsWarningIcon.foreground"));
    case "idle":
      return new vscode.ThemeIcon("beaker");
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, "\\$&");
}
