import uPlot from "uplot";
import type { QueryInfo, RunView, SeriesBatch, SourceStatus } from "../../src/shared/webviewProtocol";
import { h, icon, replaceChildren } from "./dom";
import { formatClock } from "./format";
import { SeriesStore } from "./seriesStore";

/** The moments the charts show: the fault window is shaded, detect and recover are marked. */
export type ChartWindow = RunView["window"];

const NO_WINDOW: ChartWindow = { injectedAt: null, revertedAt: null, detectAt: null, recoverAt: null };
/** VS Code's chart colours, with their default dark-theme values for outside VS Code. */
const PALETTE: readonly [string, string][] = [
  ["blue", "#3794ff"],
  ["green", "#89d185"],
  ["orange", "#d18616"],
  ["purple", "#b180d7"],
  ["yellow", "#cca700"],
  ["red", "#f14c4c"],
];
const PAIR_RE = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * Legend labels without the label pairs every series of the chart shares (instance,
 * location, service…), so `{job="loki"}` is shown rather than a line of identical labels.
 */
export function shortLabels(labels: readonly string[]): string[] {
  if (labels.length < 2) return [...labels];
  const pairs = labels.map((l) => [...l.matchAll(PAIR_RE)].map((m) => m[0]));
  const shared = pairs[0]!.filter((p) => pairs.every((ps) => ps.includes(p)));
  return labels.map((label, i) => {
    const kept = pairs[i]!.filter((p) => !shared.includes(p));
    if (kept.length === 0 || kept.length === pairs[i]!.length) return label;
    const name = label.slice(0, label.indexOf("{"));
    return `${name}{${kept.join(",")}}`;
  });
}
const HEIGHT = 180;

interface Chart {
  info: QueryInfo;
  store: SeriesStore;
  card: HTMLElement;
  plotHost: HTMLElement;
  error: HTMLElement;
  plot: uPlot | null;
}

/** A theme colour from VS Code's variables, with a fallback outside VS Code (tests, bench). */
function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === "" ? fallback : value;
}

/**
 * One uPlot chart per query (the experiment's and the stack's defaults). uPlot draws
 * straight to a canvas and stays smooth with tens of thousands of points; a plugin shades
 * the fault window under the series and marks the detect/recover moments over them.
 */
export class MetricsCharts {
  private readonly charts = new Map<string, Chart>();
  private window: ChartWindow = NO_WINDOW;
  private readonly banner: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly resizer: ResizeObserver | null;

  constructor(
    private readonly root: HTMLElement,
    private readonly windowSeconds: number,
    private readonly onToggle: (queryId: string, hidden: boolean) => void = () => undefined,
  ) {
    root.classList.add("metrics");
    this.banner = h("div", { class: "source-down", role: "status" });
    this.banner.hidden = true;
    this.grid = h("div", { class: "chart-grid" });
    replaceChildren(root, this.banner, this.grid);
    // jsdom has no ResizeObserver; the charts then keep their first size.
    this.resizer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => this.resizeAll());
  }

  setQueries(queries: readonly QueryInfo[], hidden: readonly string[] = []): void {
    for (const chart of this.charts.values()) chart.plot?.destroy();
    this.charts.clear();
    replaceChildren(this.grid);
    for (const info of queries) {
      const plotHost = h("div", { class: "plot" });
      const error = h("div", { class: "query-error", role: "alert" });
      error.hidden = true;
      const card = h(
        "details",
        { class: "chart-card", "data-query": info.id, open: !hidden.includes(info.id) },
        h("summary", { title: info.expr }, h("span", { class: "chart-title" }, info.title), h("code", { class: "chart-expr" }, info.expr)),
        error,
        plotHost,
      );
      card.addEventListener("toggle", () => this.onToggle(info.id, !(card as HTMLDetailsElement).open));
      this.grid.appendChild(card);
      this.resizer?.observe(plotHost);
      this.charts.set(info.id, { info, store: new SeriesStore(this.windowSeconds), card, plotHost, error, plot: null });
    }
  }

  applyBatch(batch: SeriesBatch): void {
    const chart = this.charts.get(batch.queryId);
    if (!chart) return;
    const { labelsChanged } = chart.store.apply(batch);
    if (labelsChanged || chart.plot === null) this.rebuild(chart);
    else chart.plot.setData(chart.store.aligned());
  }

  setQueryError(queryId: string, error: string | null): void {
    const chart = this.charts.get(queryId);
    if (!chart) return;
    chart.error.hidden = error === null;
    chart.error.textContent = error ?? "";
  }

  setWindow(window: ChartWindow | null): void {
    this.window = window ?? NO_WINDOW;
    for (const chart of this.charts.values()) chart.plot?.redraw(false);
  }

  setSources(sources: readonly SourceStatus[]): void {
    const prom = sources.find((s) => s.source === "prometheus");
    const down = prom?.state === "down";
    this.banner.hidden = !down;
    replaceChildren(
      this.banner,
      ...(down && prom ? [icon("debug-disconnect"), ` source down: prometheus${prom.detail ? ` (${prom.detail})` : ""}`, prom.retryAt ? `, retrying at ${formatClock(prom.retryAt)}` : ""] : []),
    );
  }

  /** Points held by a chart, for the bench and tests. */
  pointCount(queryId: string): number {
    const chart = this.charts.get(queryId);
    return chart ? chart.store.times.length * chart.store.labels.length : 0;
  }

  private rebuild(chart: Chart): void {
    chart.plot?.destroy();
    const width = Math.max(chart.plotHost.clientWidth, 320);
    const axisColor = themeColor("--vscode-descriptionForeground", "#888");
    const gridColor = themeColor("--vscode-editorWidget-border", "rgba(128,128,128,0.25)");
    const series: uPlot.Series[] = [
      {},
      ...shortLabels(chart.store.labels).map((label, i) => ({
        label,
        stroke: themeColor(`--vscode-charts-${PALETTE[i % PALETTE.length]![0]}`, PALETTE[i % PALETTE.length]![1]),
        width: 1.5,
        points: { show: false },
        spanGaps: false,
      })),
    ];
    const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } };
    const opts: uPlot.Options = {
      width,
      height: HEIGHT,
      series,
      axes: [axis, { ...axis, size: 50 }],
      scales: { x: { time: true } },
      legend: { show: chart.store.labels.length > 0, live: false },
      cursor: { drag: { x: false, y: false } },
      plugins: [this.faultWindowPlugin()],
    };
    chart.plot = new uPlot(opts, chart.store.aligned(), chart.plotHost);
  }

  private resizeAll(): void {
    for (const chart of this.charts.values()) {
      const width = chart.plotHost.clientWidth;
      if (chart.plot && width > 0 && Math.abs(width - chart.plot.width) > 1) chart.plot.setSize({ width, height: HEIGHT });
    }
  }

  private faultWindowPlugin(): uPlot.Plugin {
    const shade = themeColor("--vscode-charts-red", "#f14c4c");
    const detect = themeColor("--vscode-charts-orange", "#d18616");
    const recover = themeColor("--vscode-charts-green", "#89d185");
    const xPos = (u: uPlot, ms: number) => u.valToPos(ms / 1000, "x", true);
    return {
      hooks: {
        drawClear: (u) => {
          const w = this.window;
          if (w.injectedAt === null) return;
          const { left, top, width, height } = u.bbox;
          const end = w.revertedAt === null ? left + width : xPos(u, w.revertedAt);
          const x0 = Math.max(left, xPos(u, w.injectedAt));
          const x1 = Math.min(left + width, end);
          if (x1 <= x0) return;
          u.ctx.save();
          u.ctx.globalAlpha = 0.14;
          u.ctx.fillStyle = shade;
          u.ctx.fillRect(x0, top, x1 - x0, height);
          u.ctx.restore();
        },
        draw: (u) => {
          const w = this.window;
          const marks: [number | null, string, string][] = [
            [w.detectAt, detect, "detect"],
            [w.recoverAt, recover, "recover"],
          ];
          const { left, top, width, height } = u.bbox;
          // Each label on its own line: on a 15-minute axis detect and recover are pixels apart.
          for (const [line, [at, color, label]] of marks.entries()) {
            if (at === null) continue;
            const x = xPos(u, at);
            if (x < left || x > left + width) continue;
            u.ctx.save();
            u.ctx.strokeStyle = color;
            u.ctx.fillStyle = color;
            u.ctx.lineWidth = 2 * uPlot.pxRatio;
            u.ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
            u.ctx.beginPath();
            u.ctx.moveTo(x, top);
            u.ctx.lineTo(x, top + height);
            u.ctx.stroke();
            u.ctx.font = `${11 * uPlot.pxRatio}px sans-serif`;
            u.ctx.fillText(label, x + 4 * uPlot.pxRatio, top + (12 + 13 * line) * uPlot.pxRatio);
            u.ctx.restore();
          }
        },
      },
    };
  }
}
