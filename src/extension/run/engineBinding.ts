import type { RunDeps } from "../../engine/run/RunDeps";
import type { Inventory } from "../../engine/model/inventorySchema";
import type { SecretResolver } from "../../engine/probes/ProbeDriver";
import type { ChaosEngine, RevertOutcome } from "./ChaosEngine";

/**
 * The engine, loaded on first use: the runner pulls in the transports (ssh2, dockerode)
 * and every driver, none of which a window that only browses experiments should pay for.
 */
export function createChaosEngine(): ChaosEngine {
  return {
    async run(request) {
      const deps = await runDeps(request.inventory.inventory, request.secrets);
      try {
        const options = { loaded: request.loaded, inventory: request.inventory, signal: request.signal, listener: request.listener };
        if (request.dryRun) {
          const { dryRunExperiment } = await import("../../engine/run/dryRun");
          return await dryRunExperiment(options, deps);
        }
        const { runExperiment } = await import("../../engine/run/runExperiment");
        return await runExperiment({ ...options, journalDir: request.journalDir }, deps);
      } finally {
        await deps.transports.closeAll();
      }
    },

    async revert(request): Promise<RevertOutcome> {
      const [{ listRuns }, { revertActiveFaults }, { sweepDeadRuns }, { getFaultDriver }, { createTransportPool }] = await Promise.all([
        import("../../engine/journal/journalReader"),
        import("../../engine/run/revertActiveFaults"),
        import("../../engine/run/sweep"),
        import("../../engine/faults/faultRegistry"),
        import("../../engine/transports/transportPool"),
      ]);
      const deps = { faultDriver: getFaultDriver, createTransports: (inv: Inventory) => createTransportPool(inv, request.secrets), log: request.log };
      const current = request.inventory.inventory;
      let reports;
      if (!request.includeLive && !request.runIds && request.faultId === undefined) {
        // The start-up sweep: the engine's own, as the CLI runs it.
        reports = await sweepDeadRuns(request.journalDir, deps, current);
      } else {
        const runIds = request.runIds ? new Set(request.runIds) : undefined;
        const faults = listRuns(request.journalDir)
          .filter((r) => (request.includeLive || !r.live) && (!runIds || runIds.has(r.runId)))
          .flatMap((r) => r.activeFaults)
          .filter((f) => request.faultId === undefined || f.planned.faultId === request.faultId);
        reports = await revertActiveFaults(faults, request.includeLive ? "halt" : "sweep", deps, current);
      }
      return {
        reverted: reports.filter((r) => r.verified).length,
        failed: reports
          .filter((r) => !r.verified)
          .map((r) => ({ runId: r.fault.runId, faultId: r.fault.planned.faultId, target: r.fault.planned.target, error: r.error ?? "not verified" })),
      };
    },
  };
}

async function runDeps(inventory: Inventory, secrets: SecretResolver): Promise<RunDeps> {
  const [{ getFaultDriver }, { getProbeDriver }, { createTransportPool }, { loadPrometheusAlertRules }, { markerSinksFor }] = await Promise.all([
    import("../../engine/faults/faultRegistry"),
    import("../../engine/probes/probeRegistry"),
    import("../../engine/transports/transportPool"),
    import("../../engine/run/prometheusAlertRules"),
    import("../../engine/markers/runMarkers"),
  ]);
  // The same dependencies as the CLI's runs (src/cli/cliContext.ts), markers included.
  return {
    faultDriver: getFaultDriver,
    probeDriver: getProbeDriver,
    transports: createTransportPool(inventory, secrets),
    secrets,
    loadAlertRules: loadPrometheusAlertRules,
    markers: markerSinksFor(inventory, secrets),
  };
}
