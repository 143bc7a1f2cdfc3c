import * as vscode from "vscode";
import { Disposable } from "../../Disposable";
import type { JournalStore } from "../../journal/JournalStore";
import { ActiveFaultNode } from "./ActiveFaultNode";

/** Faults still active according to the journals (this window's runs, the CLI's, a crashed session's). */
export class ActiveFaultsTreeProvider extends Disposable implements vscode.TreeDataProvider<ActiveFaultNode> {
  private readonly changed = this._register(new vscode.EventEmitter<ActiveFaultNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly journals: JournalStore) {
    super();
    this._register(journals.onDidChange(() => this.changed.fire(undefined)));
  }

  getTreeItem(node: ActiveFaultNode): vscode.TreeItem {
    return node.getTreeItem(Date.now());
  }

  getChildren(node?: ActiveFaultNode): ActiveFaultNode[] {
    if (node) return [];
    return this.journals.activeFaults.map((f) => new ActiveFaultNode(f));
  }
}
