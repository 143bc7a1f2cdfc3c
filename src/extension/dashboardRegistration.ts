import * as path from "node:path";
import * as vscode from "vscode";
import { readJournal } from "../engine/journal/journalReader";
import { journalFile } from "../engine/journal/journalPaths";
import { runbookPathFor } from "../engine/reports/runbookFile";
import { CommandIds } from "./commandIds";
import { DASHBOARD_VIEW_TYPE } from "../shared/webviewProtocol";
import type { DashboardServices } from "./dashboard/registerDashboard";
import { registerCommand } from "./errors/commandWrapper";
import { UserError } from "./errors/UserError";
import type { Services } from "./services";

type DashboardModule = typeof import("./dashboard/registerDashboard");

/**
 * Adapts the extension's services to the dashboard's narrow interface, registers "Open
 * Chaos Dashboard" and the panel's serializer, and streams this window's run events to it.
 * The dashboard module (its poller and HTTP clients, axios among them) is loaded only when
 * the panel is first opened or restored: a third of the activation time otherwise.
 */
export function registerDashboard(services: Services): vscode.Disposable[] {
  const dashboard = dashboardServices(services);
  let loaded: DashboardModule | undefined;
  const load = async (): Promise<DashboardModule> => (loaded ??= await import("./dashboard/registerDashboard"));
  const open = async (experimentFile?: string) => {
    const { DashboardPanel } = await load();
    return DashboardPanel.createOrShow(dashboard, experimentFile !== undefined ? { experimentFile, preserveFocus: true } : {});
  };
  return [
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        const { DashboardSerializer } = await import("./dashboard/DashboardSerializer");
        await new DashboardSerializer(dashboard).deserializeWebviewPanel(panel, state);
        await load();
      },
    }),
    { dispose: () => loaded?.DashboardPanel.current?.dispose() },
    registerCommand(CommandIds.openDashboard, services.log, async (arg) => {
      await open(typeof arg === "string" ? arg : undefined);
    }),
    services.runs.onRunEvent(({ file, event }) => {
      if (event.kind === "journal" && event.event.type === "run-started" && !event.event.dryRun && services.settings.openDashboardOnRun) {
        void open(file).then(
          (panel) => panel.onRunEvent(event),
          (e: unknown) => services.log.error(`dashboard: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
        );
        return;
      }
      loaded?.DashboardPanel.current?.onRunEvent(event);
    }),
  ];
}

function dashboardServices(services: Services): DashboardServices {
  const { settings, inventory, runs, secrets, log, context } = services;
  const requireJournal = (runId: string): string => {
    const dir = settings.journalDir;
    if (!dir) throw new UserError("Open a folder first: journals live in the workspace.");
    return journalFile(dir, runId);
  };
  return {
    extensionUri: context.extensionUri,
    log,
    inventory: async () => inventory.loaded,
    secrets: async (name) => secrets.get(name),
    refreshMs: () => settings.dashboardRefreshMs,
    revertFault: async (runId, faultId) => {
      const outcome = await runs.revertFault(runId, faultId);
      const failed = outcome.failed[0];
      if (failed) throw new Error(`${failed.faultId} on ${failed.target}: ${failed.error}`);
      return `${faultId} reverted`;
    },
    openJournal: async (runId) => {
      await vscode.window.showTextDocument(vscode.Uri.file(requireJournal(runId)));
    },
    openRunbook: async (runId) => {
      const started = readJournal(requireJournal(runId)).events.find((e) => e.type === "run-started");
      const entry = started?.type === "run-started" ? services.catalog.all.find((e) => e.uri.fsPath === started.file) : undefined;
      const root = settings.workspaceRoot;
      if (!entry?.loaded || !root) throw new UserError("The run's experiment file is not in this workspace.");
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(root, runbookPathFor(entry.loaded.experiment))));
    },
    runEvents: async (runId) => {
      try {
        return readJournal(requireJournal(runId)).events;
      } catch {
        return undefined;
      }
    },
    onDidChangeInventory: inventory.onDidChange,
  };
}
