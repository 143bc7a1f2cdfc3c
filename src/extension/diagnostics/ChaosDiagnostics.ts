import * as path from "node:path";
import * as vscode from "vscode";
import { loadInventoryText } from "../../engine/load/loadInventory";
import { Debouncer, Disposable } from "../Disposable";
import type { ExperimentCatalog } from "../workspace/ExperimentCatalog";
import { readDocumentOrFile } from "../workspace/readDocumentOrFile";
import { toVscodeDiagnostic } from "./toVscodeDiagnostic";

const InventoryGlob = "**/targets.yaml";

/**
 * Problems for every experiment file (from the catalog, which reloads as the user types)
 * and every inventory file (targets.yaml, checked here as typed), with the loader's exact
 * ranges.
 */
export class ChaosDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection("surveillance-chaos"));
  private readonly inventoryDebounce = this._register(new Debouncer(250));
  private readonly pendingInventories = new Set<string>();
  private experimentUris = new Set<string>();

  constructor(private readonly catalog: ExperimentCatalog) {
    super();
    this._register(catalog.onDidChange(() => this.publishExperiments()));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(InventoryGlob));
    this._register(watcher.onDidCreate((u) => this.scheduleInventory(u)));
    this._register(watcher.onDidChange((u) => this.scheduleInventory(u)));
    this._register(watcher.onDidDelete((u) => this.collection.delete(u)));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isInventoryUri(e.document.uri)) this.scheduleInventory(e.document.uri);
      }),
    );
  }

  async start(): Promise<void> {
    const inventories = await vscode.workspace.findFiles(InventoryGlob, "**/node_modules/**");
    await Promise.all(inventories.map((u) => this.checkInventory(u)));
    this.publishExperiments();
  }

  private publishExperiments(): void {
    const now = new Set<string>();
    for (const entry of this.catalog.all) {
      now.add(entry.uri.toString());
      this.collection.set(entry.uri, entry.diagnostics.map(toVscodeDiagnostic));
    }
    for (const gone of this.experimentUris) if (!now.has(gone)) this.collection.delete(vscode.Uri.parse(gone));
    this.experimentUris = now;
  }

  private scheduleInventory(uri: vscode.Uri): void {
    this.pendingInventories.add(uri.toString());
    this.inventoryDebounce.schedule(() => {
      const uris = [...this.pendingInventories].map((s) => vscode.Uri.parse(s));
      this.pendingInventories.clear();
      for (const u of uris) void this.checkInventory(u);
    });
  }

  private async checkInventory(uri: vscode.Uri): Promise<void> {
    const text = await readDocumentOrFile(uri.fsPath);
    if (text === undefined) {
      this.collection.delete(uri);
      return;
    }
    const loaded = loadInventoryText(uri.fsPath, text);
    this.collection.set(uri, (loaded.ok ? loaded.warnings : loaded.diagnostics).map(toVscodeDiagnostic));
  }
}

function isInventoryUri(uri: vscode.Uri): boolean {
  return uri.scheme === "file" && path.basename(uri.fsPath) === "targets.yaml";
}
