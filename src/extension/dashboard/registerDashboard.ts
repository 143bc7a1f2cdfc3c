import * as vscode from "vscode";
import { DASHBOARD_VIEW_TYPE } from "../../shared/webviewProtocol";
import { DashboardPanel } from "./DashboardPanel";
import { DashboardSerializer } from "./DashboardSerializer";
import type { DashboardServices } from "./DashboardServices";

export { DASHBOARD_VIEW_TYPE } from "../../shared/webviewProtocol";
export { DashboardPanel } from "./DashboardPanel";
export type { DashboardOptions, DashboardServices } from "./DashboardServices";

/**
 * Registers what restores the dashboard after a reload. The composition root pushes the
 * returned disposables into `context.subscriptions` and registers the open command itself
 * (`DashboardPanel.createOrShow(services, options)`).
 */
export function registerDashboard(services: DashboardServices): vscode.Disposable[] {
  return [vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, new DashboardSerializer(services)), { dispose: () => DashboardPanel.current?.dispose() }];
}
