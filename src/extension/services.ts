import type * as vscode from "vscode";
import type { JournalStore } from "./journal/JournalStore";
import type { RunService } from "./run/RunService";
import type { SecretStore } from "./secrets/SecretStore";
import type { Settings } from "./settings";
import type { ExperimentCatalog } from "./workspace/ExperimentCatalog";
import type { InventoryService } from "./workspace/InventoryService";

/** Everything commands and views need, built once by `activate()` and passed explicitly. */
export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  settings: Settings;
  inventory: InventoryService;
  catalog: ExperimentCatalog;
  journals: JournalStore;
  secrets: SecretStore;
  runs: RunService;
  /** The plan's experiment files and the lab inventory shipped inside the extension. */
  templatesDir: string;
}
