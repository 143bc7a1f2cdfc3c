import * as vscode from "vscode";
import type { Diagnostic, Loaded } from "../../engine/load/Diagnostic";
import { loadInventoryText, type LoadedInventory } from "../../engine/load/loadInventory";
import { Debouncer, Disposable } from "../Disposable";
import type { Settings } from "../settings";
import { readDocumentOrFile } from "./readDocumentOrFile";

export type InventoryState =
  | { kind: "missing"; file: string | undefined }
  | { kind: "invalid"; file: string; diagnostics: Diagnostic[] }
  | { kind: "loaded"; file: string; value: LoadedInventory };

/**
 * The inventory named by the `defaultInventory` setting, reloaded when it is edited (as
 * typed, from the open document) or the setting changes.
 */
export class InventoryService extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<InventoryState>());
  readonly onDidChange = this.changed.event;
  private current: InventoryState = { kind: "missing", file: undefined };
  private readonly debounce = this._register(new Debouncer(300));

  constructor(private readonly settings: Settings) {
    super();
    this._register(settings.onDidChange(() => this.scheduleReload()));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml}"));
    const maybe = (uri: vscode.Uri) => {
      if (uri.fsPath === this.settings.inventoryFile) this.scheduleReload();
    };
    this._register(watcher.onDidChange(maybe));
    this._register(watcher.onDidCreate(maybe));
    this._register(watcher.onDidDelete(maybe));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => maybe(e.document.uri)));
  }

  get state(): InventoryState {
    return this.current;
  }

  get loaded(): LoadedInventory | undefined {
    return this.current.kind === "loaded" ? this.current.value : undefined;
  }

  /** The inventory for a run: refuses with the first problem when it is missing or invalid. */
  async require(): Promise<Loaded<LoadedInventory>> {
    await this.reload();
    const s = this.current;
    if (s.kind === "loaded") return { ok: true, value: s.value, warnings: [] };
    if (s.kind === "invalid") return { ok: false, diagnostics: s.diagnostics };
    const file = s.file ?? "experiments/targets.yaml";
    return { ok: false, diagnostics: [{ file, line: 1, column: 1, endLine: 1, endColumn: 1, message: "inventory not found (setting surveillanceChaos.defaultInventory)", severity: "error" }] };
  }

  async reload(): Promise<void> {
    const file = this.settings.inventoryFile;
    const text = file ? await readDocumentOrFile(file) : undefined;
    if (!file || text === undefined) {
      this.current = { kind: "missing", file };
    } else {
      const loaded = loadInventoryText(file, text);
      this.current = loaded.ok ? { kind: "loaded", file, value: loaded.value } : { kind: "invalid", file, diagnostics: loaded.diagnostics };
    }
    this.changed.fire(this.current);
  }

  private scheduleReload(): void {
    this.debounce.schedule(() => void this.reload());
  }
}
