import * as vscode from "vscode";
import { loadExperimentFile } from "../../engine/load/loadExperiment";
import { emptyInventory } from "../../engine/load/loadInventory";
import type { Experiment } from "../../engine/model/experimentSchema";
import type { RunEvent } from "../../engine/run/RunResult";
import { DASHBOARD_VIEW_TYPE, PageMessageSchema, type HostMessage, type PageMessage, type PageState, type RunView } from "../../shared/webviewProtocol";
import { Disposable } from "../Disposable";
import { createNonce, dashboardHtml } from "./dashboardHtml";
import { DashboardPoller } from "./DashboardPoller";
import type { DashboardOptions, DashboardServices } from "./DashboardServices";
import { LiveRunView, reduceJournal } from "./runView";

const TITLE = "Chaos Dashboard";

function assetRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, "dist", "webview");
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [assetRoot(extensionUri)] };
}

/**
 * The one dashboard panel. It owns its poller and listeners; polls only while visible;
 * validates every message from the page; and keeps the run's view so a page that was
 * hidden or reloaded is redrawn at once.
 */
export class DashboardPanel extends Disposable {
  static current: DashboardPanel | undefined;

  private poller: DashboardPoller | undefined;
  private pageReady = false;
  private run: RunView | null = null;
  private experimentFile: string | undefined;
  private building: Promise<void> = Promise.resolve();
  /** Folds live run events, holding those that overtake their run-started. */
  private readonly live = new LiveRunView();

  static async createOrShow(services: DashboardServices, options: DashboardOptions = {}): Promise<DashboardPanel> {
    const column = options.column ?? vscode.ViewColumn.Beside;
    const existing = DashboardPanel.current;
    if (existing) {
      existing.panel.reveal(column, options.preserveFocus);
      if (options.experimentFile !== undefined && options.experimentFile !== existing.experimentFile) await existing.setExperiment(options.experimentFile);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, TITLE, { viewColumn: column, preserveFocus: options.preserveFocus }, webviewOptions(services.extensionUri));
    const created = new DashboardPanel(panel, services, options.experimentFile, null);
    await created.building;
    return created;
  }

  /** Called by the serializer after VS Code reloads, with the state the page saved. */
  static async revive(panel: vscode.WebviewPanel, services: DashboardServices, state: PageState | undefined): Promise<DashboardPanel> {
    DashboardPanel.current?.dispose();
    panel.webview.options = webviewOptions(services.extensionUri);
    const revived = new DashboardPanel(panel, services, state?.experimentFile ?? undefined, state?.runId ?? null);
    await revived.building;
    return revived;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly services: DashboardServices,
    experimentFile: string | undefined,
    runId: string | null,
  ) {
    super();
    DashboardPanel.current = this;
    this.experimentFile = experimentFile;
    this._register({ dispose: () => this.poller?.stop() });
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.onDidChangeViewState(() => this.syncPolling()));
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    if (services.onDidChangeInventory) this._register(services.onDidChangeInventory(() => void this.rebuild()));
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, "media", "chaos.svg");
    panel.webview.html = this.html();
    this.building = this.rebuild().then(() => (runId === null ? undefined : this.replayRun(runId)));
  }

  override dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    super.dispose();
    this.panel.dispose();
  }

  /** Live events from a run: the timeline, fault window and verdict follow them. */
  onRunEvent(event: RunEvent): void {
    if (event.kind === "journal" && event.event.type === "run-started" && event.event.file !== this.experimentFile) {
      void this.setExperiment(event.event.file);
    }
    const next = this.live.apply(event);
    if (next === this.run) return;
    this.run = next;
    if (next) this.panel.title = `${TITLE}: ${next.experimentId}`;
    this.send({ type: "run", run: next });
  }

  private async setExperiment(file: string): Promise<void> {
    this.experimentFile = file;
    await this.rebuild();
  }

  private async replayRun(runId: string): Promise<void> {
    const events = await this.services.runEvents(runId).catch(() => undefined);
    if (!events || this.run !== null) return;
    this.run = events.reduce<RunView | null>((view, e) => reduceJournal(view, e), null);
    this.live.view = this.run;
    this.send({ type: "run", run: this.run });
  }

  /** (Re)creates the poller for the current inventory and experiment. */
  private rebuild(): Promise<void> {
    this.building = this.building.then(async () => {
      if (this.isDisposed) return;
      const loaded = await this.services.inventory();
      const inventory = (loaded ?? emptyInventory()).inventory;
      let experiment: { file: string; experiment: Experiment } | undefined;
      if (this.experimentFile !== undefined) {
        const result = await loadExperimentFile(this.experimentFile, loaded);
        if (result.ok) experiment = { file: result.value.file, experiment: result.value.experiment };
        else this.services.log.warn(`dashboard: ${this.experimentFile} does not load, showing the stack's default queries: ${result.diagnostics[0]?.message ?? "invalid"}`);
      }
      this.poller?.stop();
      this.poller = new DashboardPoller({
        inventory,
        inventoryName: loaded?.inventory.name ?? null,
        secrets: this.services.secrets,
        experiment,
        refreshMs: this.services.refreshMs(),
        post: (msg) => this.send(msg),
      });
      if (this.pageReady) this.poller.resync();
      this.syncPolling();
    });
    return this.building;
  }

  private syncPolling(): void {
    if (!this.poller) return;
    if (this.panel.visible) this.poller.start();
    else this.poller.stop();
  }

  private receive(raw: unknown): void {
    const parsed = PageMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.services.log.warn(`dashboard: dropped a malformed message from the page: ${parsed.error.issues[0]?.message ?? "invalid"}`);
      return;
    }
    void this.handle(parsed.data);
  }

  private async handle(msg: PageMessage): Promise<void> {
    switch (msg.type) {
      case "ready":
        this.pageReady = true;
        this.poller?.resync();
        this.send({ type: "run", run: this.run });
        this.syncPolling();
        return;
      case "pageError":
        this.services.log.warn(`dashboard page: ${msg.message}`);
        return;
      case "revertFault":
        try {
          const detail = await this.services.revertFault(msg.runId, msg.faultId);
          this.send({ type: "actionResult", action: "revertFault", ok: true, detail });
        } catch (err) {
          const detail = err instanceof Error ? err.message : String(err);
          this.services.log.error(`dashboard: revert of ${msg.faultId} failed: ${detail}`);
          this.send({ type: "actionResult", action: "revertFault", ok: false, detail });
          void vscode.window.showErrorMessage(`Revert of ${msg.faultId} failed: ${detail}`);
        }
        return;
      case "openJournal":
      case "openRunbook":
        try {
          await (msg.type === "openJournal" ? this.services.openJournal(msg.runId) : this.services.openRunbook(msg.runId));
        } catch (err) {
          const detail = err instanceof Error ? err.message : String(err);
          this.send({ type: "actionResult", action: msg.type, ok: false, detail });
          void vscode.window.showErrorMessage(detail);
        }
        return;
    }
  }

  /** Messages are typed at compile time; posting to a page that is hidden or gone is a no-op. */
  private send(msg: HostMessage): void {
    if (this.isDisposed) return;
    void this.panel.webview.postMessage(msg);
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(assetRoot(this.services.extensionUri), name)).toString();
    return dashboardHtml({ cspSource: webview.cspSource, nonce: createNonce(), scriptUri: asset("main.js"), styleUri: asset("main.css"), codiconUri: asset("codicon.css") });
  }
}
