import type { AlertRow, Delivery, SourceStatus } from "../../src/shared/webviewProtocol";
import { h, icon, replaceChildren } from "./dom";
import { formatClock, formatSince } from "./format";

const STATE_ICON: Record<AlertRow["state"], string> = { pending: "watch", firing: "flame", resolved: "check" };
const ORDER: Record<AlertRow["state"], number> = { firing: 0, pending: 1, resolved: 2 };
/** Labels that identify an alert well enough to show next to its name. */
const HIDDEN_LABELS = new Set(["alertname", "severity"]);

/**
 * Alerts as they go pending → firing → resolved, each moment shown as the time since the
 * injection when a run is on (the number the post-mortem wants), and the notifications
 * Alertmanager says it delivered, per integration.
 */
export class AlertsPanel {
  private alerts: AlertRow[] = [];
  private deliveries: Delivery[] = [];
  private injectedAt: number | null = null;
  private readonly banner: HTMLElement;
  private readonly table: HTMLElement;
  private readonly deliveryList: HTMLElement;

  constructor(root: HTMLElement) {
    root.classList.add("alerts");
    this.banner = h("div", { class: "source-down", role: "status" });
    this.banner.hidden = true;
    this.table = h("table", { class: "alert-table" });
    this.deliveryList = h("ul", { class: "deliveries" });
    replaceChildren(root, this.banner, this.table, h("h3", {}, icon("mail"), " Deliveries seen"), this.deliveryList);
    this.render();
  }

  update(alerts: readonly AlertRow[], deliveries: readonly Delivery[]): void {
    this.alerts = [...alerts].sort((a, b) => ORDER[a.state] - ORDER[b.state] || (b.firingAt ?? b.pendingAt ?? 0) - (a.firingAt ?? a.pendingAt ?? 0));
    this.deliveries = [...deliveries];
    this.render();
  }

  setInjectedAt(injectedAt: number | null): void {
    if (injectedAt === this.injectedAt) return;
    this.injectedAt = injectedAt;
    this.render();
  }

  setSources(sources: readonly SourceStatus[]): void {
    const down = sources.filter((s) => s.state === "down" && (s.source === "alertmanager" || s.source === "prometheus"));
    this.banner.hidden = down.length === 0;
    replaceChildren(this.banner, ...down.map((s) => h("div", {}, icon("debug-disconnect"), ` source down: ${s.source}${s.detail ? ` (${s.detail})` : ""}`)));
  }

  private render(): void {
    const base = this.injectedAt;
    const when = base === null ? "at" : "since injection";
    const head = h("tr", {}, ...["State", "Alert", "Severity", "Labels", `Pending ${when}`, `Firing ${when}`, `Resolved ${when}`, "Receivers"].map((t) => h("th", {}, t)));
    const rows =
      this.alerts.length === 0
        ? [h("tr", {}, h("td", { colspan: 8, class: "empty" }, "No alerts pending or firing."))]
        : this.alerts.map((a) =>
            h(
              "tr",
              { class: `alert-row state-${a.state}`, "data-alert": a.alertname, "data-state": a.state },
              h("td", {}, h("vscode-badge", { class: `alert-state state-${a.state}` }, icon(STATE_ICON[a.state]), ` ${a.state}`)),
              h("td", { class: "alert-name" }, a.alertname),
              h("td", {}, a.severity ?? "—"),
              h("td", { class: "alert-labels" }, labelText(a.labels)),
              h("td", { class: "t-pending" }, formatSince(a.pendingAt, base)),
              h("td", { class: "t-firing" }, formatSince(a.firingAt, base)),
              h("td", { class: "t-resolved" }, formatSince(a.resolvedAt, base)),
              h("td", {}, a.receivers.join(", ") || "—"),
            ),
          );
    replaceChildren(this.table, h("thead", {}, head), h("tbody", {}, ...rows));
    replaceChildren(
      this.deliveryList,
      ...(this.deliveries.length === 0
        ? [h("li", { class: "empty" }, "No notifications sent since the dashboard opened.")]
        : this.deliveries.map((d) =>
            h(
              "li",
              { class: "delivery", "data-integration": d.integration },
              h("strong", {}, d.integration),
              `: ${d.sent - d.failed} delivered`,
              d.failed > 0 ? h("span", { class: "failed" }, `, ${d.failed} failed`) : null,
              d.lastAt === null ? "" : `, last at ${formatClock(d.lastAt)}${base === null ? "" : ` (${formatSince(d.lastAt, base)})`}`,
            ),
          )),
    );
  }
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .filter(([k]) => !HIDDEN_LABELS.has(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}
