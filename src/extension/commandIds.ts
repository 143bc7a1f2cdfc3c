/**
 * Every command id the extension registers, as constants so that code never spells one by
 * hand; a unit test checks this list against package.json's `contributes.commands`.
 */
export const CommandIds = {
  runExperiment: "surveillanceChaos.runExperiment",
  dryRunExperiment: "surveillanceChaos.dryRunExperiment",
  haltAll: "surveillanceChaos.haltAll",
  revertFault: "surveillanceChaos.revertFault",
  validateExperiments: "surveillanceChaos.validateExperiments",
  newExperimentFromTemplate: "surveillanceChaos.newExperimentFromTemplate",
  createPlanExperiments: "surveillanceChaos.createPlanExperiments",
  openLabInventory: "surveillanceChaos.openLabInventory",
  openDashboard: "surveillanceChaos.openDashboard",
  showRunReport: "surveillanceChaos.showRunReport",
  reviewRunbookEdit: "surveillanceChaos.reviewRunbookEdit",
  setSecret: "surveillanceChaos.setSecret",
  clearSecret: "surveillanceChaos.clearSecret",
  refreshExperiments: "surveillanceChaos.refreshExperiments",
  refreshTargets: "surveillanceChaos.refreshTargets",
  showLog: "surveillanceChaos.showLog",
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const ViewIds = {
  container: "surveillanceChaos",
  experiments: "surveillanceChaos.experiments",
  targets: "surveillanceChaos.targets",
  activeFaults: "surveillanceChaos.activeFaults",
} as const;

/** Context keys the manifest's `when` clauses read. */
export const ContextKeys = {
  hasExperiments: "surveillanceChaos.hasExperiments",
  running: "surveillanceChaos.running",
  faultsActive: "surveillanceChaos.faultsActive",
} as const;

export const TaskType = "surveillance-chaos";
export const ConfigSection = "surveillanceChaos";
