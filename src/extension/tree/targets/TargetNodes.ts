import * as vscode from "vscode";
import type { Reachability } from "./reachability";

export type SectionKind = "targets" | "cameras" | "services";

/** "Targets", "Cameras", "Services": the inventory's three lists. */
export class SectionNode {
  readonly kind = "section";

  constructor(
    readonly section: SectionKind,
    readonly children: InventoryItemNode[],
  ) {}

  getTreeItem(): vscode.TreeItem {
    const label = { targets: "Targets", cameras: "Cameras", services: "Services" }[this.section];
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `section:${this.section}`;
    item.contextValue = `section.${this.section}`;
    const up = this.children.filter((c) => c.reachability.state === "reachable" || c.reachability.state === "local").length;
    item.description = `${up}/${this.children.length} reachable`;
    return item;
  }
}

/** A target, camera or service with its live reachability. */
export class InventoryItemNode {
  readonly kind = "item";

  constructor(
    readonly section: SectionKind,
    readonly name: string,
    readonly detail: string,
    readonly reachability: Reachability,
    readonly allowChaos: boolean,
    readonly inventoryUri: vscode.Uri,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.section}:${this.name}`;
    item.contextValue = `${this.section.replace(/s$/, "")}.${this.reachability.state}`;
    const reach = this.reachability.state === "local" ? "" : ` · ${describe(this.reachability)}`;
    item.description = `${this.detail}${reach}${this.section === "targets" && this.allowChaos ? " · chaos allowed" : ""}`;
    item.iconPath = icon(this.section, this.reachability);
    item.tooltip = `${this.name}: ${this.detail}\n${describe(this.reachability)}`;
    item.command = { command: "vscode.open", title: "Open Inventory", arguments: [this.inventoryUri] };
    return item;
  }
}

function describe(r: Reachability): string {
  switch (r.state) {
    case "reachable":
      return `reachable (${r.ms} ms)`;
    case "unreachable":
      return `unreachable: ${r.reason}`;
    case "local":
      return "this machine";
    case "unknown":
      return "checking…";
  }
}

function icon(section: SectionKind, r: Reachability): vscode.ThemeIcon {
  const glyph = { targets: "server", cameras: "device-camera-video", services: "globe" }[section];
  if (r.state === "unreachable") return new vscode.ThemeIcon(glyph, new vscode.ThemeColor("errorForeground"));
  if (r.state === "reachable" || r.state === "local") return new vscode.ThemeIcon(glyph, new vscode.ThemeColor("testing.iconPassed"));
  return new vscode.ThemeIcon(glyph);
}
