import * as vscode from "vscode";
import { formatAge } from "../../format/formatTime";
import type { ActiveFaultEntry } from "../../journal/JournalStore";

/** A fault the journals say may still be in place; its inline button reverts it. */
export class ActiveFaultNode {
  readonly kind = "fault";

  constructor(readonly fault: ActiveFaultEntry) {}

  getTreeItem(now: number): vscode.TreeItem {
    const f = this.fault;
    const p = f.planned;
    const item = new vscode.TreeItem(`${p.faultId} on ${p.target}`, vscode.TreeItemCollapsibleState.None);
    item.id = `fault:${f.runId}:${p.faultId}`;
    item.contextValue = "fault.active";
    const state = f.injected ? `injected ${formatAge(p.at, now)}` : "planned (may be injected)";
    item.description = `${f.experimentId} · ${state}${f.live ? " · run in progress" : ""}${f.lastError ? " · revert failed" : ""}`;
    item.iconPath = new vscode.ThemeIcon(f.lastError ? "error" : "flame", new vscode.ThemeColor(f.lastError ? "errorForeground" : "list.warningForeground"));
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${p.faultType}** on \`${p.target}\`: ${p.summary}\n\nrun \`${f.runId}\`\n\n`);
    if (p.revertCommands.length > 0) md.appendCodeblock(p.revertCommands.join("\n"), "sh");
    if (f.lastError) md.appendMarkdown(`\n\nLast revert attempt: ${f.lastError}`);
    item.tooltip = md;
    return item;
  }
}
