import * as vscode from "vscode";
import type { LoadedInventory } from "../../engine/load/loadInventory";
import type { RunEvent, RunListener, RunResult } from "../../engine/run/RunResult";
import { formatDiagnostic } from "../../engine/load/Diagnostic";
import { loadInventoryFile } from "../../engine/load/loadInventory";
import { CommandIds, ContextKeys } from "../commandIds";
import { Disposable } from "../Disposable";
import { Cancelled, UserError } from "../errors/UserError";
import type { JournalStore } from "../journal/JournalStore";
import type { SecretStore } from "../secrets/SecretStore";
import type { Settings } from "../settings";
import type { ExperimentCatalog, ExperimentEntry } from "../workspace/ExperimentCatalog";
import type { InventoryService } from "../workspace/InventoryService";
import type { ChaosEngine, RevertOutcome } from "./ChaosEngine";
import { confirmationText } from "./confirmationText";
import type { RunActivity, RunningRun } from "./RunActivity";

const LedgerEvents = new Set<string>(["run-started", "fault-planned", "fault-injected", "fault-reverted", "run-finished"]);

interface Tracked extends RunningRun {
  controller: AbortController;
  done: Promise<unknown>;
  runId?: string;
}

/**
 * Every run and revert of this window goes through here: the trust check, the inventory,
 * the journal folder, the secrets; the runs in progress (for the trees and the status bar);
 * halting; and reverting, on deactivation, what this window started.
 */
export class RunService extends Disposable implements RunActivity {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly runEvents = this._register(new vscode.EventEmitter<{ file: string; event: RunEvent }>());
  /** Every event of every run of this window, as it happens (the dashboard renders them). */
  readonly onRunEvent = this.runEvents.event;
  private readonly tracked = new Set<Tracked>();
  /** Run ids this window started, so deactivation reverts only its own. */
  private readonly startedHere = new Set<string>();
  private readonly confirmedThisSession = new Set<string>();

  constructor(
    private readonly engine: ChaosEngine,
    private readonly catalog: ExperimentCatalog,
    private readonly inventory: InventoryService,
    private readonly journals: JournalStore,
    private readonly secrets: SecretStore,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
  }

  get running(): readonly RunningRun[] {
    return [...this.tracked];
  }

  /** Loads the file as it is now and its inventory; refuses, with the first problems, when either is invalid. */
  async prepare(uri: vscode.Uri, inventoryFile?: string): Promise<{ entry: ExperimentEntry; inventory: LoadedInventory }> {
    const inv = inventoryFile ? await loadInventoryFile(inventoryFile) : await this.inventory.require();
    if (!inv.ok) {
      throw new UserError(`The inventory is not usable: ${inv.diagnostics.slice(0, 3).map(formatDiagnostic).join("; ")}`, [
        { title: "Open Inventory", command: CommandIds.openLabInventory },
      ]);
    }
    const entry = inventoryFile ? await this.catalog.loadWith(uri, inv.value) : await this.catalog.refresh(uri);
    if (!entry) throw new UserError(`Cannot read ${uri.fsPath}.`);
    if (!entry.loaded) {
      const first = entry.diagnostics[0];
      throw new UserError(`${entry.id} has ${entry.diagnostics.length} problem(s)${first ? `, first at line ${first.line}: ${first.message}` : ""}. See the Problems panel.`, [
        { title: "Show Problems", command: "workbench.actions.view.problems" },
      ]);
    }
    return { entry, inventory: inv.value };
  }

  /** The one modal dialog before any fault: lists targets and faults (and custom commands). Throws Cancelled when declined. */
  async confirm(entry: ExperimentEntry, inventory: LoadedInventory): Promise<void> {
    const { message, detail, custom } = confirmationText(entry, inventory);
    // Custom commands are asked for every time, whatever the setting.
    if (!custom && this.settings.confirmation === "oncePerExperiment" && this.confirmedThisSession.has(entry.uri.toString())) return;
    const inject = custom ? "Run Custom Commands" : "Inject Faults";
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, inject);
    if (answer !== inject) throw new Cancelled();
    this.confirmedThisSession.add(entry.uri.toString());
  }

  /** Runs (or dry-runs) an experiment to its verdict. Aborting `signal` reverts. */
  async execute(
    uri: vscode.Uri,
    options: { dryRun: boolean; signal: AbortSignal; listener?: RunListener; confirmed: boolean; inventoryFile?: string },
  ): Promise<RunResult> {
    if (!options.dryRun) this.requireTrust();
    const { entry, inventory } = await this.prepare(uri, options.inventoryFile);
    if (!options.dryRun && !options.confirmed) await this.confirm(entry, inventory);
    const journalDir = this.requireJournalDir();
    const controller = new AbortController();
    const abort = () => controller.abort();
    options.signal.addEventListener("abort", abort, { once: true });
    const tracked: Tracked = {
      experimentId: entry.id,
      title: entry.title,
      file: uri.fsPath,
      startedAt: Date.now(),
      dryRun: options.dryRun,
      controller,
      done: Promise.resolve(),
    };
    const listener: RunListener = (event) => {
      if (event.kind === "journal" && event.event.type === "run-started") {
        tracked.runId = event.event.runId;
        if (!options.dryRun) this.startedHere.add(event.event.runId);
      }
      // This window's own runs update the views at once, without waiting for the file watcher
      // (which may not see a journal folder created after it started watching).
      if (event.kind === "journal" && !options.dryRun && LedgerEvents.has(event.event.type)) this.journals.scheduleRefresh();
      this.runEvents.fire({ file: uri.fsPath, event });
      options.listener?.(event);
    };
    this.log.info(`${options.dryRun ? "dry run" : "run"} ${entry.id} (${uri.fsPath}) with inventory ${inventory.file}`);
    const done = this.engine.run({
      loaded: entry.loaded!,
      inventory,
      journalDir,
      dryRun: options.dryRun,
      secrets: this.secrets.resolver(),
      signal: controller.signal,
      listener,
    });
    tracked.done = done.catch(() => undefined);
    this.tracked.add(tracked);
    this.update();
    try {
      const result = await done;
      this.log.info(`${entry.id}: ${result.verdict} (${result.runId})${result.findings.length ? `: ${result.findings.join("; ")}` : ""}`);
      return result;
    } finally {
      options.signal.removeEventListener("abort", abort);
      this.tracked.delete(tracked);
      this.update();
      this.journals.refresh();
    }
  }

  /** Stop and Revert All: aborts this window's runs (each reverts its own), then reverts every fault the journals still list. */
  async haltAll(): Promise<RevertOutcome> {
    const runs = [...this.tracked];
    for (const r of runs) r.controller.abort();
    await Promise.all(runs.map((r) => r.done));
    return this.revert({ includeLive: true });
  }

  async revertFault(runId: string, faultId: string): Promise<RevertOutcome> {
    return this.revert({ runIds: [runId], faultId, includeLive: true });
  }

  /** Faults left active by runs whose process is gone (a crashed window, a killed CLI). */
  orphanedFaults(): number {
    return this.journals.activeFaults.filter((f) => !f.live).length;
  }

  async sweep(): Promise<RevertOutcome> {
    return this.revert({ includeLive: false });
  }

  /** On deactivation: abort this window's runs and revert anything they left behind. */
  async revertStartedHere(): Promise<void> {
    const runs = [...this.tracked];
    for (const r of runs) r.controller.abort();
    await Promise.all(runs.map((r) => r.done));
    if (this.startedHere.size === 0) return;
    const left = this.journals.activeFaults.filter((f) => this.startedHere.has(f.runId));
    if (left.length === 0) return;
    await this.revert({ runIds: [...this.startedHere], includeLive: true });
  }

  private async revert(options: { runIds?: string[]; faultId?: string; includeLive: boolean }): Promise<RevertOutcome> {
    const journalDir = this.requireJournalDir();
    this.journals.refresh();
    if (this.journals.activeFaults.length === 0) return { reverted: 0, failed: [] };
    // A revert runs what the journal recorded; in an untrusted folder that file could say anything.
    this.requireTrust();
    const inv = await this.inventory.require();
    if (!inv.ok) throw new UserError(`Cannot revert without the inventory: ${inv.diagnostics.slice(0, 2).map(formatDiagnostic).join("; ")}`);
    try {
      const outcome = await this.engine.revert({ journalDir, inventory: inv.value, secrets: this.secrets.resolver(), log: (m) => this.log.info(m), ...options });
      this.log.info(`revert: ${outcome.reverted} reverted, ${outcome.failed.length} failed`);
      for (const f of outcome.failed) this.log.error(`revert of ${f.faultId} on ${f.target} (run ${f.runId}) failed: ${f.error}`);
      return outcome;
    } finally {
      this.journals.refresh();
    }
  }

  requireTrust(): void {
    if (!vscode.workspace.isTrusted) {
      throw new UserError("This workspace is not trusted: experiments can be browsed and validated here, but not run.", [
        { title: "Manage Workspace Trust", command: "workbench.trust.manage" },
      ]);
    }
  }

  private requireJournalDir(): string {
    const dir = this.settings.journalDir;
    if (!dir) throw new UserError("Open a folder first: runs are journaled in the workspace (setting surveillanceChaos.journalFolder).");
    return dir;
  }

  private update(): void {
    void vscode.commands.executeCommand("setContext", ContextKeys.running, [...this.tracked].some((t) => !t.dryRun));
    this.changed.fire();
  }
}
