import { AlertmanagerClient } from "../../engine/clients/alertmanagerClient";
import { DashboardClient } from "../../engine/clients/dashboardClient";
import { errorReason, type Endpoint } from "../../engine/clients/httpClient";
import { LokiClient } from "../../engine/clients/lokiClient";
import { PrometheusClient } from "../../engine/clients/prometheusClient";
import { endpointFor } from "../../engine/clients/serviceEndpoint";
import type { Experiment } from "../../engine/model/experimentSchema";
import type { Inventory, Service } from "../../engine/model/inventorySchema";
import type { SecretResolver } from "../../engine/probes/ProbeDriver";
import type { DashboardConfig, HostMessage, SourceName, SourceStatus } from "../../shared/webviewProtocol";
import { AlertFeed } from "./alertFeed";
import { CameraBoard, DashboardCamerasFeed, RtspFeed, type WatchedCamera } from "./cameraFeed";
import { dashboardQueries } from "./dashboardQueries";
import { LokiFeed } from "./lokiFeed";
import { PrometheusFeed } from "./prometheusFeed";
import { SourceBackoff } from "./sourceBackoff";
import { StillFeed } from "./stillFeed";

export interface DashboardPollerOptions {
  inventory: Inventory;
  inventoryName?: string | null;
  /** Must not prompt: it is called every refresh. Unset secrets simply fail their source. */
  secrets: SecretResolver;
  experiment?: { file: string; experiment: Experiment } | undefined;
  refreshMs: number;
  /** Seconds of history on the charts and in the first log fetch (default 15 minutes). */
  windowSeconds?: number;
  /** Still frames are a full RTSP session each, so they come less often (default 10 s). */
  stillEveryMs?: number;
  /** Path to ffmpeg for stills when the dashboard has no snapshot; null to never use it. */
  ffmpeg?: string | null;
  post: (msg: HostMessage) => void;
  now?: () => number;
}

interface Feed {
  backoff: SourceBackoff;
  everyMs: number;
  lastRunAt: number;
  running: AbortController | null;
  poll(now: number, signal: AbortSignal): Promise<void>;
  /** Forget incremental progress, so the next poll sends everything again. */
  reset?(): void;
  /** What a reloaded page needs at once, before the next poll. */
  replay?(): HostMessage[];
}

function endpointOrUndefined(inventory: Inventory, name: string, kind: Service["kind"]): Endpoint | undefined {
  try {
    return endpointFor(inventory, name, kind);
  } catch {
    return undefined;
  }
}

/**
 * The host side of the dashboard: polls Prometheus, Loki, Alertmanager, the dashboard API,
 * RTSP and stills at the refresh rate while started (the panel starts it only while
 * visible), each source on its own back-off, and posts typed messages for the page.
 * Does not import vscode, so the bench can run it against the lab from plain Node.
 */
export class DashboardPoller {
  readonly config: DashboardConfig;
  private readonly feeds = new Map<SourceName, Feed>();
  private readonly unconfigured: SourceStatus[] = [];
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private readonly now: () => number;
  private readonly post: (msg: HostMessage) => void;

  constructor(options: DashboardPollerOptions) {
    this.now = options.now ?? Date.now;
    this.post = options.post;
    const { inventory, refreshMs } = options;
    const windowSeconds = options.windowSeconds ?? 900;
    const { queries, logQuery } = dashboardQueries(options.experiment?.experiment);
    const cameras: WatchedCamera[] = Object.entries(inventory.cameras).map(([name, camera]) => ({ name, dashboardId: camera.dashboardId ?? name, camera }));
    this.config = {
      refreshMs,
      cameras: cameras.map(({ name, dashboardId }) => ({ name, dashboardId })),
      queries,
      logQuery,
      windowSeconds,
      experimentFile: options.experiment?.file ?? null,
      inventoryName: options.inventoryName ?? inventory.name ?? null,
    };
    const http = { secrets: options.secrets, timeoutMs: Math.max(3000, refreshMs * 3) };
    const promEp = endpointOrUndefined(inventory, "prometheus", "prometheus");
    const amEp = endpointOrUndefined(inventory, "alertmanager", "alertmanager");
    const lokiEp = endpointOrUndefined(inventory, "loki", "loki");
    const dashEp = endpointOrUndefined(inventory, "dashboard", "dashboard");
    const prometheus = promEp && new PrometheusClient(promEp, http);
    const alertmanager = amEp && new AlertmanagerClient(amEp, http);
    const dashboard = dashEp && new DashboardClient(dashEp, http);
    const board = new CameraBoard(cameras, this.post, dashboard !== undefined);

    const add = (source: SourceName, configured: boolean, everyMs: number, make: () => Omit<Feed, "backoff" | "everyMs" | "lastRunAt" | "running">) => {
      if (!configured) {
        this.unconfigured.push({ source, state: "unconfigured", detail: `no ${source} in the inventory`, checkedAt: this.now() });
        return;
      }
      this.feeds.set(source, { ...make(), backoff: new SourceBackoff(source, everyMs), everyMs, lastRunAt: 0, running: null });
    };
    add("prometheus", prometheus !== undefined, refreshMs, () => {
      const feed = new PrometheusFeed(prometheus!, queries, windowSeconds * 1000, refreshMs, this.post);
      return { poll: (now, signal) => feed.poll(now, signal), reset: () => feed.reset() };
    });
    add("loki", lokiEp !== undefined, refreshMs, () => {
      const feed = new LokiFeed(new LokiClient(lokiEp!, http), logQuery, windowSeconds * 1000, this.post);
      return { poll: (now, signal) => feed.poll(now, signal), reset: () => feed.reset() };
    });
    add("alertmanager", alertmanager !== undefined || prometheus !== undefined, refreshMs, () => {
      const feed = new AlertFeed(alertmanager, prometheus, this.post);
      return { poll: (now, signal) => feed.poll(now, signal), replay: () => [feed.tracker.message()] };
    });
    add("dashboard", dashboard !== undefined && cameras.length > 0, refreshMs, () => {
      const feed = new DashboardCamerasFeed(dashboard!, board);
      return { poll: (now, signal) => feed.poll(now, signal), replay: () => [board.message()] };
    });
    add("rtsp", cameras.length > 0, refreshMs, () => {
      const feed = new RtspFeed(board, options.secrets, Math.max(1000, Math.min(3000, refreshMs * 3)));
      return { poll: (now, signal) => feed.poll(now, signal), replay: () => [board.message()] };
    });
    add("snapshot", cameras.length > 0 && (dashboard !== undefined || (options.ffmpeg ?? null) !== null), options.stillEveryMs ?? 10_000, () => {
      const feed = new StillFeed(cameras, dashboard, options.ffmpeg ?? null, this.post);
      return { poll: (now, signal) => feed.poll(now, signal), replay: () => feed.messages() };
    });
  }

  get running(): boolean {
    return this.started;
  }

  /** Starts polling (idempotent); a source that was backing off is tried again at once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const f of this.feeds.values()) f.backoff.reset();
    this.tick();
  }

  /** Stops polling and cancels requests in flight. */
  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const f of this.feeds.values()) {
      f.running?.abort();
      f.running = null;
    }
  }

  /** A page (re)loaded: send it the config and everything known, and refetch history. */
  resync(): void {
    this.post({ type: "init", config: this.config });
    this.postSources();
    const replayed = new Set<string>();
    for (const f of this.feeds.values()) {
      f.reset?.();
      for (const msg of f.replay?.() ?? []) {
        const key = JSON.stringify(msg);
        if (replayed.has(key)) continue;
        replayed.add(key);
        this.post(msg);
      }
    }
  }

  get sources(): SourceStatus[] {
    return [...[...this.feeds.values()].map((f) => f.backoff.status), ...this.unconfigured];
  }

  private postSources(): void {
    this.post({ type: "sources", sources: this.sources });
  }

  private tick(): void {
    if (!this.started) return;
    const now = this.now();
    for (const feed of this.feeds.values()) {
      if (feed.running !== null || !feed.backoff.due(now) || now - feed.lastRunAt < feed.everyMs) continue;
      void this.run(feed, now);
    }
    this.timer = setTimeout(() => this.tick(), this.config.refreshMs);
  }

  private async run(feed: Feed, now: number): Promise<void> {
    const controller = new AbortController();
    feed.running = controller;
    feed.lastRunAt = now;
    try {
      await feed.poll(now, controller.signal);
      if (feed.backoff.succeeded(this.now())) this.postSources();
    } catch (err) {
      if (controller.signal.aborted) return;
      feed.backoff.failed(this.now(), errorReason(err));
      this.postSources();
    } finally {
      if (feed.running === controller) feed.running = null;
    }
  }
}
