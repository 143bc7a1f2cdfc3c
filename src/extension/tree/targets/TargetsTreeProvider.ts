import * as vscode from "vscode";
import { disposableInterval, Disposable } from "../../Disposable";
import type { Settings } from "../../settings";
import type { InventoryService } from "../../workspace/InventoryService";
import { cameraEndpoint, checkEndpoint, serviceEndpoint, targetEndpoint, type Endpoint, type Reachability } from "./reachability";
import { InventoryItemNode, SectionNode, type SectionKind } from "./TargetNodes";

type Node = SectionNode | InventoryItemNode;

interface Probed {
  section: SectionKind;
  name: string;
  detail: string;
  allowChaos: boolean;
  endpoint: Endpoint | undefined;
  local: boolean;
}

/**
 * The inventory's targets, cameras and services with live reachability (a TCP connect per
 * item), polled only while the view is visible.
 */
export class TargetsTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly states = new Map<string, Reachability>();
  private poll: vscode.Disposable | undefined;
  private visible = false;
  private checking = false;

  constructor(
    private readonly inventory: InventoryService,
    private readonly settings: Settings,
  ) {
    super();
    this._register(
      inventory.onDidChange(() => {
        this.states.clear();
        this.changed.fire(undefined);
        if (this.visible) void this.checkAll();
      }),
    );
    this._register(settings.onDidChange(() => this.setVisible(this.visible)));
    this._register({ dispose: () => this.poll?.dispose() });
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.poll?.dispose();
    this.poll = undefined;
    if (!visible) return;
    void this.checkAll();
    this.poll = disposableInterval(() => void this.checkAll(), this.settings.targetsPollMs);
  }

  refresh(): void {
    void this.inventory.reload().then(() => this.checkAll());
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node.getTreeItem();
  }

  getChildren(node?: Node): Node[] {
    if (node instanceof SectionNode) return node.children;
    if (node) return [];
    const state = this.inventory.state;
    if (state.kind !== "loaded") return [];
    const uri = vscode.Uri.file(state.file);
    const bySection = new Map<SectionKind, InventoryItemNode[]>();
    for (const p of this.items()) {
      const reach = p.local ? ({ state: "local" } as const) : (this.states.get(key(p)) ?? { state: "unknown" as const });
      const list = bySection.get(p.section) ?? [];
      list.push(new InventoryItemNode(p.section, p.name, p.detail, reach, p.allowChaos, uri));
      bySection.set(p.section, list);
    }
    return (["targets", "cameras", "services"] as const).filter((s) => bySection.has(s)).map((s) => new SectionNode(s, bySection.get(s)!));
  }

  private items(): Probed[] {
    const inv = this.inventory.loaded?.inventory;
    if (!inv) return [];
    const out: Probed[] = [];
    for (const [name, t] of Object.entries(inv.targets)) {
      const detail = t.transport.type === "ssh" ? `ssh ${t.transport.user}@${t.transport.host}:${t.transport.port}` : t.transport.type === "docker" ? `docker ${t.transport.endpoint}` : "this machine";
      out.push({ section: "targets", name, detail, allowChaos: t.allowChaos, endpoint: targetEndpoint(t.transport), local: t.transport.type === "local" });
    }
    for (const [name, c] of Object.entries(inv.cameras)) {
      out.push({ section: "cameras", name, detail: c.rtsp, allowChaos: false, endpoint: cameraEndpoint(c), local: false });
    }
    for (const [name, s] of Object.entries(inv.services)) {
      out.push({ section: "services", name, detail: s.url, allowChaos: false, endpoint: serviceEndpoint(s), local: false });
    }
    return out;
  }

  private async checkAll(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await Promise.all(
        this.items().map(async (p) => {
          if (p.local) return;
          this.states.set(key(p), p.endpoint ? await checkEndpoint(p.endpoint) : { state: "unreachable", reason: "no address to check" });
        }),
      );
      this.changed.fire(undefined);
    } finally {
      this.checking = false;
    }
  }
}

function key(p: Probed): string {
  return `${p.section}:${p.name}`;
}
