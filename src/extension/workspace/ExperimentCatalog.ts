import * as path from "node:path";
import * as vscode from "vscode";
import type { Diagnostic } from "../../engine/load/Diagnostic";
import { loadExperimentText, type LoadedExperiment } from "../../engine/load/loadExperiment";
import type { LoadedInventory } from "../../engine/load/loadInventory";
import { ContextKeys } from "../commandIds";
import { Debouncer, Disposable } from "../Disposable";
import type { InventoryService } from "./InventoryService";
import { readDocumentOrFile } from "./readDocumentOrFile";

export const ExperimentGlob = "**/*.chaos.yaml";
const Excluded = "{**/node_modules/**,**/.git/**,**/.surveillance-chaos/**}";

export interface ExperimentEntry {
  uri: vscode.Uri;
  /** From the file when it loads; the file name otherwise, so broken files still show. */
  id: string;
  title: string;
  component: string;
  loaded: LoadedExperiment | undefined;
  /** Errors (when it does not load) or warnings, positioned for the Problems panel. */
  diagnostics: Diagnostic[];
}

/**
 * Every experiment file of the workspace, loaded by the engine's loader against the current
 * inventory: from disk, and from the editor as it is typed (debounced). The tree, the
 * diagnostics, the CodeLens and the Run quick pick all read this one catalog.
 */
export class ExperimentCatalog extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly entries = new Map<string, ExperimentEntry>();
  private readonly pending = new Set<string>();
  private readonly debounce = this._register(new Debouncer(250));
  private resolveFirstScan: (() => void) | undefined;
  private readonly firstScan = new Promise<void>((resolve) => (this.resolveFirstScan = resolve));

  constructor(private readonly inventory: InventoryService) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(ExperimentGlob));
    this._register(watcher.onDidCreate((u) => this.schedule(u)));
    this._register(watcher.onDidChange((u) => this.schedule(u)));
    this._register(
      watcher.onDidDelete((u) => {
        this.entries.delete(u.toString());
        this.fire();
      }),
    );
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isExperimentUri(e.document.uri)) this.schedule(e.document.uri);
      }),
    );
    // Targets named in experiments are checked against the inventory: reload all when it changes.
    this._register(inventory.onDidChange(() => void this.rescan()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()));
  }

  /** Resolves once the first scan is done (activation starts it by loading the inventory). */
  whenReady(): Promise<void> {
    return this.firstScan;
  }

  get all(): ExperimentEntry[] {
    return [...this.entries.values()].sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  }

  get(uri: vscode.Uri): ExperimentEntry | undefined {
    return this.entries.get(uri.toString());
  }

  async rescan(): Promise<void> {
    const uris = await vscode.workspace.findFiles(ExperimentGlob, Excluded);
    this.entries.clear();
    await Promise.all(uris.map((u) => this.load(u)));
    this.fire();
    this.resolveFirstScan?.();
  }

  /** Loads one file now (used before a run, so it runs exactly what is on screen). */
  async refresh(uri: vscode.Uri): Promise<ExperimentEntry | undefined> {
    await this.load(uri);
    this.fire();
    return this.get(uri);
  }

  /** Loads one file against another inventory (a task's), without touching the catalog. */
  async loadWith(uri: vscode.Uri, inventory: LoadedInventory): Promise<ExperimentEntry | undefined> {
    const text = await readDocumentOrFile(uri.fsPath);
    return text === undefined ? undefined : toEntry(uri, text, inventory);
  }

  private schedule(uri: vscode.Uri): void {
    this.pending.add(uri.toString());
    this.debounce.schedule(() => {
      const uris = [...this.pending].map((s) => vscode.Uri.parse(s));
      this.pending.clear();
      void Promise.all(uris.map((u) => this.load(u))).then(() => this.fire());
    });
  }

  private async load(uri: vscode.Uri): Promise<void> {
    const text = await readDocumentOrFile(uri.fsPath);
    if (text === undefined) {
      this.entries.delete(uri.toString());
      return;
    }
    this.entries.set(uri.toString(), toEntry(uri, text, this.inventory.loaded));
  }

  private fire(): void {
    void vscode.commands.executeCommand("setContext", ContextKeys.hasExperiments, this.entries.size > 0);
    this.changed.fire();
  }
}

function toEntry(uri: vscode.Uri, text: string, inventory: LoadedInventory | undefined): ExperimentEntry {
  const result = loadExperimentText(uri.fsPath, text, inventory);
  if (result.ok) {
    const e = result.value.experiment;
    return { uri, id: e.id, title: e.title, component: e.component, loaded: result.value, diagnostics: result.warnings };
  }
  const fallbackId = path.basename(uri.fsPath).replace(/\.chaos\.yaml$/, "");
  const header = readHeader(text);
  return {
    uri,
    id: header.id ?? fallbackId,
    title: header.title ?? fallbackId,
    component: header.component ?? "unknown",
    loaded: undefined,
    diagnostics: result.diagnostics,
  };
}

export function isExperimentUri(uri: vscode.Uri): boolean {
  return uri.scheme === "file" && uri.fsPath.endsWith(".chaos.yaml");
}

/** id, title and component of a file that does not validate, so it still sits in its group. */
function readHeader(text: string): { id?: string; title?: string; component?: string } {
  const field = (name: string) => new RegExp(`^${name}:\\s*["']?([^"'\\n#]+?)["']?\\s*(#.*)?$`, "m").exec(text)?.[1];
  return { id: field("id"), title: field("title"), component: field("component") };
}
