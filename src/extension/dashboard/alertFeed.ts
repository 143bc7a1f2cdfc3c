import type { AlertmanagerClient } from "../../engine/clients/alertmanagerClient";
import type { TextSample } from "../../engine/clients/promText";
import type { PrometheusClient } from "../../engine/clients/prometheusClient";
import type { AlertRow, Delivery, HostMessage } from "../../shared/webviewProtocol";

/** Resolved alerts stay on the panel this long, so the post-mortem screenshot still has them. */
const KEEP_RESOLVED_MS = 60 * 60_000;

export interface SeenAlert {
  labels: Record<string, string>;
  state: "pending" | "firing";
  /** When this state began, if the source says (Prometheus activeAt for pending, Alertmanager startsAt for firing). */
  since: number | null;
  receivers: string[];
}

export function alertKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

const parseTime = (s: string | undefined): number | null => {
  if (s === undefined) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) && t > 0 ? t : null;
};

/**
 * Turns successive looks at the alerts into their life: pending (Prometheus, during `for:`)
 * → firing (Alertmanager or Prometheus) → resolved (gone from both), with when each began.
 * Notification counters are read from Alertmanager's /metrics and counted from the first
 * look, so "deliveries seen" means during this dashboard's watch.
 */
export class AlertTracker {
  private readonly rows = new Map<string, AlertRow>();
  private baseline: Map<string, { total: number; failed: number }> | null = null;
  private readonly deliveries = new Map<string, Delivery>();

  observe(now: number, seen: readonly SeenAlert[]): void {
    const present = new Set<string>();
    for (const a of seen) {
      const key = alertKey(a.labels);
      present.add(key);
      const row = this.rows.get(key);
      const fresh = row === undefined || row.state === "resolved";
      const next: AlertRow = fresh
        ? { key, alertname: a.labels.alertname ?? "(unnamed)", severity: a.labels.severity ?? null, labels: a.labels, state: a.state, pendingAt: null, firingAt: null, resolvedAt: null, receivers: [] }
        : { ...row };
      if (a.state === "pending") {
        next.pendingAt ??= a.since ?? now;
        if (next.state !== "firing") next.state = "pending";
      } else {
        next.state = "firing";
        next.firingAt ??= a.since ?? now;
      }
      next.receivers = [...new Set([...next.receivers, ...a.receivers])].sort();
      this.rows.set(key, next);
    }
    for (const [key, row] of this.rows) {
      if (row.state !== "resolved" && !present.has(key)) this.rows.set(key, { ...row, state: "resolved", resolvedAt: now });
      else if (row.state === "resolved" && row.resolvedAt !== null && now - row.resolvedAt > KEEP_RESOLVED_MS) this.rows.delete(key);
    }
  }

  observeNotifications(now: number, samples: readonly TextSample[]): void {
    const totals = new Map<string, { total: number; failed: number }>();
    for (const s of samples) {
      const integration = s.labels.integration;
      if (integration === undefined) continue;
      const t = totals.get(integration) ?? { total: 0, failed: 0 };
      if (s.name === "alertmanager_notifications_total") t.total += s.value;
      else if (s.name === "alertmanager_notifications_failed_total") t.failed += s.value;
      else continue;
      totals.set(integration, t);
    }
    if (this.baseline === null) {
      this.baseline = totals;
      return;
    }
    for (const [integration, t] of totals) {
      const base = this.baseline.get(integration) ?? { total: 0, failed: 0 };
      // A counter that went down means Alertmanager restarted: count from zero again.
      if (t.total < base.total) this.baseline.set(integration, { total: 0, failed: 0 });
      const b = this.baseline.get(integration) ?? base;
      const sent = t.total - b.total;
      const failed = t.failed - b.failed;
      const prev = this.deliveries.get(integration);
      if (sent <= 0 && prev === undefined) continue;
      const changed = prev === undefined || prev.sent !== sent || prev.failed !== failed;
      this.deliveries.set(integration, { integration, sent, failed: Math.max(0, failed), lastAt: changed ? now : prev.lastAt });
    }
  }

  message(): HostMessage {
    return { type: "alerts", alerts: [...this.rows.values()], deliveries: [...this.deliveries.values()] };
  }
}

/**
 * Polls Alertmanager (firing as routed, with receivers, and its notification counters) and
 * Prometheus (pending alerts, which Alertmanager never sees). Alertmanager being down is
 * this feed's failure; Prometheus being down is reported by the charts' feed.
 */
export class AlertFeed {
  readonly tracker = new AlertTracker();
  /**
   * Alertmanager's copy of an alert carries Prometheus' external labels (site=…) on top of
   * the rule's; keyed by Alertmanager's label set, the Prometheus labels it was matched to,
   * so pending → firing stays one row instead of a "resolved" pending row plus a new one.
   */
  private readonly promLabelsFor = new Map<string, Record<string, string>>();

  constructor(
    private readonly alertmanager: AlertmanagerClient | undefined,
    private readonly prometheus: PrometheusClient | undefined,
    private readonly post: (msg: HostMessage) => void,
  ) {}

  async poll(now: number, signal: AbortSignal): Promise<void> {
    const [am, prom, metrics] = await Promise.allSettled([
      this.alertmanager?.alerts({ active: true }, signal) ?? Promise.resolve([]),
      this.prometheus?.alerts(signal) ?? Promise.resolve([]),
      this.alertmanager?.metrics(signal) ?? Promise.resolve([]),
    ]);
    const seen: SeenAlert[] = [];
    // Alertmanager first: its startsAt is when Prometheus sent the alert firing, the moment we want.
    if (am.status === "fulfilled") {
      const fromProm = prom.status === "fulfilled" ? prom.value.filter((p) => p.state !== "inactive") : [];
      for (const a of am.value) {
        const key = alertKey(a.labels);
        const match = fromProm.find((p) => isSubset(p.labels, a.labels))?.labels;
        if (match) this.promLabelsFor.set(key, match);
        seen.push({ labels: this.promLabelsFor.get(key) ?? a.labels, state: "firing", since: parseTime(a.startsAt), receivers: a.receivers.map((r) => r.name) });
      }
      const listed = new Set(am.value.map((a) => alertKey(a.labels)));
      for (const key of this.promLabelsFor.keys()) if (!listed.has(key)) this.promLabelsFor.delete(key);
    }
    if (prom.status === "fulfilled") {
      for (const a of prom.value) {
        // With an Alertmanager, firing comes from it (routed, with receivers); Prometheus adds the pending ones.
        if (a.state === "inactive" || (a.state === "firing" && this.alertmanager !== undefined)) continue;
        // Prometheus' activeAt is when the alert went pending; for a firing one the flip time is unknown.
        seen.push({ labels: a.labels, state: a.state, since: a.state === "pending" ? parseTime(a.activeAt) : null, receivers: [] });
      }
    }
    // Only judge "resolved" on a complete look; otherwise an unreachable source would resolve everything.
    if (am.status === "fulfilled" && prom.status === "fulfilled") this.tracker.observe(now, seen);
    if (metrics.status === "fulfilled") this.tracker.observeNotifications(now, metrics.value);
    this.post(this.tracker.message());
    if (am.status === "rejected") throw am.reason;
    if (metrics.status === "rejected") throw metrics.reason;
  }
}

function isSubset(small: Record<string, string>, big: Record<string, string>): boolean {
  return Object.entries(small).every(([k, v]) => big[k] === v);
}
