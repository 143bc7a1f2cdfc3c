import type * as vscode from "vscode";
import type { JournalEvent } from "../../engine/journal/journalEvents";
import type { LoadedInventory } from "../../engine/load/loadInventory";
import type { SecretResolver } from "../../engine/probes/ProbeDriver";

/**
 * What the dashboard needs from the rest of the extension, kept narrow so the composition
 * root can adapt its services to it (and tests can fake it).
 */
export interface DashboardServices {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** The current inventory; undefined when it is missing or invalid (every source then shows as unconfigured). */
  inventory(): Promise<LoadedInventory | undefined>;
  /** Looks secrets up without ever prompting: it is called on every refresh. */
  secrets: SecretResolver;
  /** Refresh interval in ms (1 s by default). */
  refreshMs(): number;
  /** Reverts one fault of a run; resolves with a sentence for the page, rejects on failure. */
  revertFault(runId: string, faultId: string): Promise<string>;
  openJournal(runId: string): Promise<void>;
  openRunbook(runId: string): Promise<void>;
  /** The journal lines of a run, to redraw its timeline after VS Code reloads; undefined when unknown. */
  runEvents(runId: string): Promise<readonly JournalEvent[] | undefined>;
  /** Fires when the inventory changes, so the panel rebuilds its sources. */
  onDidChangeInventory?: vscode.Event<unknown>;
}

export interface DashboardOptions {
  /** An experiment whose queries to chart (a run passes its file). */
  experimentFile?: string;
  column?: vscode.ViewColumn;
  /** Open without taking focus (a run opening the panel beside the editor). */
  preserveFocus?: boolean;
}
