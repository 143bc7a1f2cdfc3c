/**
 * Everything a run or a revert needs from the engine. The build bundles this module on its
 * own (dist/engineRuntime.js, external to dist/extension.js) so that a window that only
 * browses experiments never parses the runner, the drivers, ssh2 or dockerode.
 */
export { listRuns } from "../../engine/journal/journalReader";
export { getFaultDriver } from "../../engine/faults/faultRegistry";
export { markerSinksFor } from "../../engine/markers/runMarkers";
export { getProbeDriver } from "../../engine/probes/probeRegistry";
export { dryRunExperiment } from "../../engine/run/dryRun";
export { loadPrometheusAlertRules } from "../../engine/run/prometheusAlertRules";
export { revertActiveFaults } from "../../engine/run/revertActiveFaults";
export { runExperiment } from "../../engine/run/runExperiment";
export { sweepDeadRuns } from "../../engine/run/sweep";
export { createTransportPool } from "../../engine/transports/transportPool";
