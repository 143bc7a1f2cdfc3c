import type * as vscode from "vscode";
import { PageStateSchema } from "../../shared/webviewProtocol";
import { DashboardPanel } from "./DashboardPanel";
import type { DashboardServices } from "./DashboardServices";

/** Brings the dashboard back after VS Code reloads, with the experiment and run it showed. */
export class DashboardSerializer implements vscode.WebviewPanelSerializer<unknown> {
  constructor(private readonly services: DashboardServices) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The state was written by the page, so it is parsed like any other message from it.
    const parsed = PageStateSchema.safeParse(state);
    await DashboardPanel.revive(panel, this.services, parsed.success ? parsed.data : undefined);
  }
}
