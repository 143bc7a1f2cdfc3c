import * as vscode from "vscode";
import type { ExperimentNode } from "./ExperimentNode";

/** A component of the stack (dashboard, camera-streams, …) with its experiments. */
export class ComponentNode {
  readonly kind = "component";

  constructor(
    readonly component: string,
    readonly experiments: ExperimentNode[],
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.component, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `component:${this.component}`;
    item.contextValue = "component";
    item.iconPath = new vscode.ThemeIcon("symbol-namespace");
    const running = this.experiments.filter((e) => e.running).length;
    item.description = running > 0 ? `${running} running` : `${this.experiments.length}`;
    return item;
  }
}
