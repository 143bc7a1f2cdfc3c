import * as vscode from "vscode";
import { Debouncer, disposableInterval, Disposable } from "../../Disposable";
import type { JournalStore } from "../../journal/JournalStore";
import type { RunActivity } from "../../run/RunActivity";
import type { ExperimentCatalog } from "../../workspace/ExperimentCatalog";
import { ComponentNode } from "./ComponentNode";
import { ExperimentNode } from "./ExperimentNode";

type Node = ComponentNode | ExperimentNode;

/** Experiments grouped by component, each with its last verdict, age and measured times from the journals. */
export class ExperimentsTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly debounce = this._register(new Debouncer(100));
  private ageTimer: vscode.Disposable | undefined;

  constructor(
    private readonly catalog: ExperimentCatalog,
    private readonly journals: JournalStore,
    private readonly runs: RunActivity,
  ) {
    super();
    this._register(catalog.onDidChange(() => this.refresh()));
    this._register(journals.onDidChange(() => this.refresh()));
    this._register(runs.onDidChange(() => this.refresh()));
    this._register({ dispose: () => this.ageTimer?.dispose() });
  }

  /** "5 min ago" goes stale: re-render every 30 s, only while the view is visible. */
  setVisible(visible: boolean): void {
    this.ageTimer?.dispose();
    this.ageTimer = visible ? disposableInterval(() => this.changed.fire(undefined), 30_000) : undefined;
    if (visible) this.refresh();
  }

  refresh(): void {
    this.debounce.schedule(() => this.changed.fire(undefined));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node instanceof ExperimentNode ? node.getTreeItem(Date.now()) : node.getTreeItem();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node instanceof ComponentNode) return node.experiments;
    if (node) return [];
    await this.catalog.whenReady();
    const running = new Set(this.runs.running.filter((r) => !r.dryRun).map((r) => r.file));
    const groups = new Map<string, ExperimentNode[]>();
    for (const entry of this.catalog.all) {
      const experimentNode = new ExperimentNode(entry, this.journals.lastRunOf(entry.id), running.has(entry.uri.fsPath));
      const list = groups.get(entry.component) ?? [];
      list.push(experimentNode);
      groups.set(entry.component, list);
    }
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([component, nodes]) => new ComponentNode(component, nodes));
  }

  getParent(): undefined {
    return undefined;
  }
}
