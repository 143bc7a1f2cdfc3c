import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../engine/errors";
import { defaultJournalDir } from "../engine/journal/journalPaths";
import { formatDiagnostic } from "../engine/load/Diagnostic";
import { emptyInventory, loadInventoryFile, type LoadedInventory } from "../engine/load/loadInventory";
import type { Inventory } from "../engine/model/inventorySchema";
import type { AnyProbeDriver } from "../engine/probes/ProbeDriver";
import { orphanedFaults } from "../engine/run/sweep";
import type { RevertDeps } from "../engine/run/revertActiveFaults";
import type { RunDeps } from "../engine/run/RunDeps";
import { envSecrets } from "./envSecrets";
import type { Output } from "./output";

export const DEFAULT_INVENTORY = "experiments/targets.yaml";

export interface CommonOptions {
  journalDir?: string;
  inventory?: string;
}

/**
 * What every verb shares: the journal directory, the inventory (if any), the secrets and the
 * drivers. Drivers, transports and HTTP clients are loaded on first use, so a verb that
 * needs none of them (status with nothing to sweep, --help) starts fast.
 */
export class CliContext {
  readonly secrets = envSecrets();

  constructor(
    readonly journalDir: string,
    readonly inventory: LoadedInventory,
    readonly out: Output,
  ) {}

  static async create(options: CommonOptions, out: Output): Promise<CliContext> {
    return new CliContext(CliContext.journalDirFor(options), await loadCliInventory(options.inventory), out);
  }

  static journalDirFor(options: CommonOptions): string {
    return options.journalDir ? resolve(options.journalDir) : defaultJournalDir();
  }

  /** Fresh run dependencies (each run gets its own transport pool, closed after it). */
  async runDeps(inventory: Inventory = this.inventory.inventory): Promise<RunDeps> {
    const [{ getFaultDriver }, { getProbeDriver }, { createTransportPool }, { loadPrometheusAlertRules }, { markerSinksFor }] = await Promise.all([
      import("../engine/faults/faultRegistry"),
      import("../engine/probes/probeRegistry"),
      import("../engine/transports/transportPool"),
      import("../engine/run/prometheusAlertRules"),
      import("../engine/markers/runMarkers"),
    ]);
    return {
      faultDriver: getFaultDriver,
      // The registry is keyed by type, so each driver takes the probes of its own type.
      probeDriver: (type) => getProbeDriver(type) as unknown as AnyProbeDriver,
      transports: createTransportPool(inventory, this.secrets),
      secrets: this.secrets,
      loadAlertRules: loadPrometheusAlertRules,
      markers: markerSinksFor(inventory, this.secrets),
    };
  }

  async revertDeps(): Promise<RevertDeps> {
    const [{ getFaultDriver }, { createTransportPool }] = await Promise.all([import("../engine/faults/faultRegistry"), import("../engine/transports/transportPool")]);
    return {
      faultDriver: getFaultDriver,
      createTransports: (inventory) => createTransportPool(inventory, this.secrets),
      log: (m) => this.out.progress(m),
    };
  }

  /** Every start of the CLI first reverts what dead runs left behind. */
  async sweep(): Promise<void> {
    if (orphanedFaults(this.journalDir).length === 0) return;
    const { sweepDeadRuns } = await import("../engine/run/sweep");
    const reports = await sweepDeadRuns(this.journalDir, await this.revertDeps(), this.inventory.inventory);
    for (const r of reports) {
      const what = `${r.fault.planned.faultId} (${r.fault.planned.summary}) of dead run ${r.fault.runId}`;
      const done = r.by === "dead-man" ? `sweep: ${what} was already reverted by its dead-man switch` : `sweep: reverted ${what}`;
      this.out.progress(r.verified ? done : `sweep: could NOT revert ${what}: ${r.error ?? "not verified"}`);
    }
  }
}

/** The inventory named by --inventory, else experiments/targets.yaml when present, else an empty one. */
export async function loadCliInventory(path: string | undefined): Promise<LoadedInventory> {
  const file = path ?? (existsSync(DEFAULT_INVENTORY) ? DEFAULT_INVENTORY : undefined);
  if (file === undefined) return emptyInventory();
  const loaded = await loadInventoryFile(file);
  if (!loaded.ok) throw new InputError(loaded.diagnostics.map(formatDiagnostic).join("\n"));
  return loaded.value;
}
