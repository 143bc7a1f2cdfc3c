import * as vscode from "vscode";
import { CommandIds } from "../commandIds";
import { registerCommand } from "../errors/commandWrapper";
import type { Services } from "../services";
import { clearSecret } from "./clearSecret";
import { createPlanExperiments } from "./createPlanExperiments";
import { dryRunExperiment } from "./dryRunExperiment";
import { haltAll } from "./haltAll";
import { newExperimentFromTemplate } from "./newExperimentFromTemplate";
import { openLabInventory } from "./openLabInventory";
import { revertFault } from "./revertFault";
import { RUNBOOK_PROPOSAL_SCHEME, RunbookProposals, reviewRunbookEdit } from "./reviewRunbookEdit";
import { runExperiment } from "./runExperiment";
import { setSecret } from "./setSecret";
import { showLog } from "./showLog";
import { showRunReport } from "./showRunReport";
import { validateExperiments } from "./validateExperiments";

/** Every palette command, each through the one error wrapper. (View refreshes are registered with their views.) */
export function registerCommands(services: Services): vscode.Disposable[] {
  const { log } = services;
  const proposals = new RunbookProposals();
  const handlers: [string, (...args: unknown[]) => unknown][] = [
    [CommandIds.runExperiment, (arg) => runExperiment(services, arg)],
    [CommandIds.dryRunExperiment, (arg) => dryRunExperiment(services, arg)],
    [CommandIds.haltAll, () => haltAll(services)],
    [CommandIds.revertFault, (arg) => revertFault(services, arg)],
    [CommandIds.validateExperiments, () => validateExperiments(services)],
    [CommandIds.newExperimentFromTemplate, () => newExperimentFromTemplate(services)],
    [CommandIds.createPlanExperiments, () => createPlanExperiments(services)],
    [CommandIds.openLabInventory, () => openLabInventory(services)],
    [CommandIds.showRunReport, (arg) => showRunReport(services, arg)],
    [CommandIds.reviewRunbookEdit, (arg) => reviewRunbookEdit(services, proposals, arg)],
    [CommandIds.setSecret, () => setSecret(services)],
    [CommandIds.clearSecret, () => clearSecret(services)],
    [CommandIds.showLog, () => showLog(services)],
  ];
  return [
    vscode.workspace.registerTextDocumentContentProvider(RUNBOOK_PROPOSAL_SCHEME, proposals),
    ...handlers.map(([id, handler]) => registerCommand(id, log, handler)),
  ];
}
