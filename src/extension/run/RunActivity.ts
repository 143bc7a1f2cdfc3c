import type * as vscode from "vscode";

/** A run this window has in progress. */
export interface RunningRun {
  experimentId: string;
  title: string;
  file: string;
  startedAt: number;
  dryRun: boolean;
}

/** What the trees and the status bar need to know about runs in progress. */
export interface RunActivity {
  readonly running: readonly RunningRun[];
  readonly onDidChange: vscode.Event<void>;
}
