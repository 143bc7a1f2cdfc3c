import { HostMessageSchema, type HostMessage, type PageMessage } from "../../src/shared/webviewProtocol";
import { AlertsPanel } from "./alertsPanel";
import { CameraTiles } from "./cameraTiles";
import { h, icon, replaceChildren } from "./dom";
import { formatClock } from "./format";
import { LogTail } from "./logTail";
import { MetricsCharts } from "./metricsCharts";
import { RunTimeline } from "./runTimeline";
import { PageStore } from "./state";
import type { VsCodeApi } from "./vscodeApi";

function section(id: string, title: string, codicon: string, body: HTMLElement): HTMLElement {
  return h("section", { id, class: "panel-section" }, h("h2", {}, icon(codicon), ` ${title}`), body);
}

/**
 * The whole page: lays out the sections, validates every message from the host, routes
 * it to the section that draws it, and sends the user's actions back as typed messages.
 */
export class DashboardPage {
  private readonly store: PageStore;
  private readonly status: HTMLElement;
  private readonly cameras: CameraTiles;
  private readonly timeline: RunTimeline;
  private readonly alerts: AlertsPanel;
  private readonly logs: LogTail;
  private readonly metricsRoot: HTMLElement;
  private charts: MetricsCharts | null = null;

  constructor(
    root: HTMLElement,
    private readonly api: VsCodeApi,
  ) {
    this.store = new PageStore(api);
    const state = this.store.get();
    this.status = h("div", { class: "source-status", role: "status" });
    const camerasRoot = h("div");
    const runRoot = h("div");
    this.metricsRoot = h("div");
    const alertsRoot = h("div");
    const logsRoot = h("div");
    replaceChildren(
      root,
      h("header", { class: "page-header" }, h("h1", {}, icon("device-camera-video"), " Surveillance Chaos"), this.status),
      section("run", "Run", "beaker", runRoot),
      section("cameras", "Cameras", "device-camera", camerasRoot),
      section("metrics", "Metrics", "graph-line", this.metricsRoot),
      section("alerts", "Alerts and notifications", "bell", alertsRoot),
      section("logs", "Logs", "output", logsRoot),
    );
    this.cameras = new CameraTiles(camerasRoot);
    this.timeline = new RunTimeline(runRoot, {
      revertFault: (runId, faultId) => this.post({ type: "revertFault", runId, faultId }),
      openJournal: (runId) => this.post({ type: "openJournal", runId }),
      openRunbook: (runId) => this.post({ type: "openRunbook", runId }),
    });
    this.alerts = new AlertsPanel(alertsRoot);
    this.logs = new LogTail(logsRoot, { filter: state.logFilter, paused: state.logPaused, onChange: (s) => this.store.update({ logFilter: s.filter, logPaused: s.paused }) });
  }

  /** Announces the page to the host, which answers with `init` and the latest data. */
  start(): void {
    this.post({ type: "ready" });
  }

  /** Entry point for everything the host sends; anything that does not parse is reported and dropped. */
  receive(data: unknown): void {
    const parsed = HostMessageSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.post({ type: "pageError", message: `dropped a malformed message: ${issue ? `${issue.path.join(".")} ${issue.message}` : "invalid"}`.slice(0, 2000) });
      return;
    }
    try {
      this.dispatch(parsed.data);
    } catch (err) {
      this.post({ type: "pageError", message: `failed to render ${parsed.data.type}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 2000) });
    }
  }

  private dispatch(msg: HostMessage): void {
    switch (msg.type) {
      case "init": {
        const { config } = msg;
        this.store.update({ experimentFile: config.experimentFile });
        this.cameras.setCameras(config.cameras);
        this.charts = new MetricsCharts(this.metricsRoot, config.windowSeconds, (queryId, hidden) => {
          const rest = this.store.get().hiddenQueries.filter((q) => q !== queryId);
          this.store.update({ hiddenQueries: hidden ? [...rest, queryId] : rest });
        });
        this.charts.setQueries(config.queries, this.store.get().hiddenQueries);
        this.logs.setQuery(config.logQuery);
        return;
      }
      case "sources":
        replaceChildren(
          this.status,
          ...msg.sources.map((s) =>
            h(
              "span",
              { class: `source source-${s.state}`, "data-source": s.source, "data-state": s.state, title: s.detail ?? `checked ${formatClock(s.checkedAt)}` },
              icon(s.state === "up" ? "circle-filled" : s.state === "down" ? "debug-disconnect" : "circle-outline"),
              ` ${s.source}`,
            ),
          ),
        );
        this.cameras.setSources(msg.sources);
        this.charts?.setSources(msg.sources);
        this.alerts.setSources(msg.sources);
        this.logs.setSources(msg.sources);
        return;
      case "cameras":
        this.cameras.update(msg.tiles);
        return;
      case "still":
        this.cameras.setStill(msg.still);
        return;
      case "series":
        this.charts?.applyBatch(msg.batch);
        return;
      case "queryStatus":
        this.charts?.setQueryError(msg.queryId, msg.error);
        return;
      case "logs":
        this.logs.add(msg.mode, msg.entries);
        return;
      case "alerts":
        this.alerts.update(msg.alerts, msg.deliveries);
        return;
      case "run":
        this.store.update({ runId: msg.run?.runId ?? null });
        this.timeline.update(msg.run);
        this.charts?.setWindow(msg.run?.window ?? null);
        this.alerts.setInjectedAt(msg.run?.window.injectedAt ?? null);
        return;
      case "actionResult":
        if (msg.action === "revertFault" && !msg.ok) this.timeline.revertFailed();
        return;
    }
  }

  private post(msg: PageMessage): void {
    this.api.postMessage(msg);
  }
}
