import type { RunDeps } from "../../engine/run/RunDeps";
import type { Inventory } from "../../engine/model/inventorySchema";
import type { SecretResolver } from "../../engine/probes/ProbeDriver";
import type { ChaosEngine, RevertOutcome } from "./ChaosEngine";

type EngineRuntime = typeof import("./engineRuntime");
let runtime: EngineRuntime | undefined;

/**
 * The engine, loaded on first use: the runner pulls in the transports (ssh2, dockerode)
 * and every driver, none of which a window that only browses experiments should pay for.
 * A plain require of a module the bundler leaves external (see scripts/build.mjs), so the
 * code is not even parsed until then; under tsx it resolves to the TypeScript source.
 */
function engine(): EngineRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (runtime ??= require("./engineRuntime") as EngineRuntime);
}

export function createChaosEngine(): ChaosEngine {
  return {
    async run(request) {
      const deps = await runDeps(request.inventory.inventory, request.secrets);
      try {
        const options = { loaded: request.loaded, inventory: request.inventory, signal: request.signal, listener: request.listener };
        if (request.dryRun) return await engine().dryRunExperiment(options, deps);
        return await engine().runExperiment({ ...options, journalDir: request.journalDir }, deps);
      } finally {
        await deps.transports.closeAll();
      }
    },

    async revert(request): Promise<RevertOutcome> {
      const { listRuns, revertActiveFaults, sweepDeadRuns, getFaultDriver, createTransportPool } = engine();
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
  const { getFaultDriver, getProbeDriver, createTransportPool, loadPrometheusAlertRules, markerSinksFor } = engine();
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
