import * as vscode from "vscode";
import { CommandIds, ContextKeys, TaskType, ViewIds } from "../commandIds";
import { ChaosDiagnostics } from "../diagnostics/ChaosDiagnostics";
import { RunCodeLensProvider } from "../editor/RunCodeLensProvider";
import { registerCommand } from "../errors/commandWrapper";
import type { Services } from "../services";
import { RunStatusBar } from "../status/RunStatusBar";
import { ChaosTaskProvider } from "../tasks/ChaosTaskProvider";
import { ActiveFaultsTreeProvider } from "./activeFaults/ActiveFaultsTreeProvider";
import { ExperimentsTreeProvider } from "./experiments/ExperimentsTreeProvider";
import { TargetsTreeProvider } from "./targets/TargetsTreeProvider";

/** The sidebar's three trees, the status-bar item, diagnostics, CodeLens and the task provider. */
export function registerViews(services: Services): vscode.Disposable[] {
  const { catalog, journals, runs, inventory, settings, log } = services;

  const experiments = new ExperimentsTreeProvider(catalog, journals, runs);
  const experimentsView = vscode.window.createTreeView(ViewIds.experiments, { treeDataProvider: experiments, showCollapseAll: true });
  const targets = new TargetsTreeProvider(inventory, settings);
  const targetsView = vscode.window.createTreeView(ViewIds.targets, { treeDataProvider: targets });
  const faults = new ActiveFaultsTreeProvider(journals);
  const faultsView = vscode.window.createTreeView(ViewIds.activeFaults, { treeDataProvider: faults });
  const updateFaultBadge = () => {
    const n = journals.activeFaults.length;
    faultsView.badge = n > 0 ? { value: n, tooltip: `${n} active fault(s)` } : undefined;
    void vscode.commands.executeCommand("setContext", ContextKeys.faultsActive, n > 0);
  };
  updateFaultBadge();

  const diagnostics = new ChaosDiagnostics(catalog);
  void diagnostics.start().catch((e: unknown) => log.error(`diagnostics: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  const codeLens = new RunCodeLensProvider(runs);

  // Polling and re-rendering only while the view is visible.
  experiments.setVisible(experimentsView.visible);
  targets.setVisible(targetsView.visible);

  return [
    experiments,
    experimentsView,
    experimentsView.onDidChangeVisibility((e) => experiments.setVisible(e.visible)),
    targets,
    targetsView,
    targetsView.onDidChangeVisibility((e) => targets.setVisible(e.visible)),
    faults,
    faultsView,
    journals.onDidChange(updateFaultBadge),
    diagnostics,
    codeLens,
    vscode.languages.registerCodeLensProvider({ scheme: "file", pattern: "**/*.chaos.yaml" }, codeLens),
    vscode.tasks.registerTaskProvider(TaskType, new ChaosTaskProvider(catalog, runs)),
    new RunStatusBar(runs, journals),
    registerCommand(CommandIds.refreshExperiments, log, async () => {
      await catalog.rescan();
      journals.refresh();
    }),
    registerCommand(CommandIds.refreshTargets, log, () => targets.refresh()),
  ];
}
