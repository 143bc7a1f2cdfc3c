import * as path from "node:path";
import * as vscode from "vscode";
import { ConfigSection } from "./commandIds";

export type ConfirmationMode = "always" | "oncePerExperiment";

/** Typed reads of the `surveillanceChaos.*` settings; paths come back absolute. */
export class Settings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(ConfigSection);
  }

  /** The folder experiments are run from: the first workspace folder (multi-root runs use the first). */
  get workspaceRoot(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  get journalDir(): string | undefined {
    return this.resolve(this.config.get<string>("journalFolder", ".surveillance-chaos/runs"));
  }

  get inventoryFile(): string | undefined {
    return this.resolve(this.config.get<string>("defaultInventory", "experiments/targets.yaml"));
  }

  get confirmation(): ConfirmationMode {
    return this.config.get<string>("confirmation", "always") === "oncePerExperiment" ? "oncePerExperiment" : "always";
  }

  get openDashboardOnRun(): boolean {
    return this.config.get<boolean>("openDashboardOnRun", true);
  }

  get targetsPollMs(): number {
    return Math.max(2, this.config.get<number>("targets.pollInterval", 10)) * 1000;
  }

  get dashboardRefreshMs(): number {
    return Math.max(0.5, this.config.get<number>("dashboard.refreshInterval", 1)) * 1000;
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(ConfigSection)) listener();
    });
  }

  private resolve(p: string): string | undefined {
    if (path.isAbsolute(p)) return p;
    const root = this.workspaceRoot;
    return root ? path.join(root, p) : undefined;
  }
}
