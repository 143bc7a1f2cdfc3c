import type { Frame, Locator } from "playwright-core";
import type { Workbench } from "./workbench";

export interface ChartReading {
  queryId: string;
  /** Series named in the chart's legend: labels only exist once data for them arrived. */
  series: string[];
  /** Canvas pixels in the series' colours: the lines uPlot drew from that data. */
  seriesPixels: number;
}

/**
 * Runs in the page (plain JS: this project's Node tsconfig has no DOM types). For each chart
 * card: the legend's series labels, and the canvas pixels in any series' colour (the legend
 * markers' borders give the colours as the browser resolved them): the lines uPlot drew.
 */
const READ_CHARTS = `[...document.querySelectorAll(".chart-card")].map((card) => {
  // With legend.live off, uPlot's legend has no row for the time axis: every row is a series.
  const rows = [...card.querySelectorAll(".u-legend .u-series")];
  const series = rows.map((r) => r.querySelector(".u-label")?.textContent ?? "");
  const colours = rows
    .map((r) => r.querySelector(".u-marker"))
    .map((m) => m && /rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)/.exec(getComputedStyle(m).borderColor))
    .filter((m) => m)
    .map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
  const canvas = card.querySelector("canvas");
  const ctx = canvas && canvas.width > 0 && canvas.height > 0 ? canvas.getContext("2d") : null;
  let seriesPixels = 0;
  if (ctx && colours.length > 0) {
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 128 && colours.some(([r, g, b]) => Math.abs(data[i] - r) < 24 && Math.abs(data[i + 1] - g) < 24 && Math.abs(data[i + 2] - b) < 24)) seriesPixels++;
    }
  }
  return { queryId: card.dataset.query, series, seriesPixels };
})`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Chaos Dashboard webview as the test sees it. The page lives two iframes deep
 * (`iframe.webview.ready` → `#active-frame`) and is recreated whenever VS Code hides and
 * shows the panel or reloads, so every read looks the frame up again instead of keeping it.
 */
export class DashboardPage {
  constructor(private readonly wb: Workbench) {}

  /** "Open Chaos Dashboard" from the palette, then waits for the page to draw its sections. */
  async open(): Promise<Frame> {
    // The palette lists what was registered when it opened: wait for the extension's
    // contributions (its activity-bar icon comes with them) before opening it.
    await this.wb.page.locator('.activitybar .action-item a[aria-label^="Surveillance Chaos"]').first().waitFor({ timeout: 30_000 });
    await this.wb.runCommand("Open Chaos Dashboard");
    return this.frame();
  }

  /** The editor tab of the panel (its title gets the run's experiment id during a run). */
  get tab(): Locator {
    return this.wb.page.locator(".tabs-container .tab", { hasText: "Chaos Dashboard" }).first();
  }

  /** The frame holding the dashboard page, once its camera tiles are laid out. */
  async frame(timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const frame of this.wb.page.frames()) {
        const found = await frame.evaluate<boolean>(`document.querySelector("#cameras .camera-tile") !== null`).catch(() => false);
        if (found) return frame;
      }
      await sleep(200);
    }
    throw new Error(`the dashboard page did not show its camera tiles within ${timeoutMs} ms`);
  }

  /** Whether a dashboard page is in the DOM right now (a hidden panel's page is destroyed). */
  async present(): Promise<boolean> {
    for (const frame of this.wb.page.frames()) {
      if (await frame.evaluate<boolean>(`document.querySelector("#cameras") !== null`).catch(() => false)) return true;
    }
    return false;
  }

  async tileStates(): Promise<Record<string, string>> {
    const frame = await this.frame();
    return frame.evaluate<Record<string, string>>(`Object.fromEntries([...document.querySelectorAll(".camera-tile")].map((t) => [t.dataset.camera, t.dataset.state]))`);
  }

  async tileText(camera: string): Promise<string> {
    const frame = await this.frame();
    return frame.locator(`.camera-tile[data-camera="${camera}"]`).innerText();
  }

  /**
   * Polls the tile every 100 ms until it shows `state`; returns the wall-clock time it was
   * first seen, when the tile first changed, and every state seen on the way (to tell
   * "offline" from "degraded").
   */
  async waitForTileState(camera: string, state: string, timeoutMs: number): Promise<{ seenAt: number; path: string[]; leftAt: number }> {
    const deadline = Date.now() + timeoutMs;
    const path: string[] = [];
    // When the tile first showed something other than what it showed at the start.
    let leftAt: number | undefined;
    while (Date.now() < deadline) {
      const current = (await this.tileStates().catch(() => ({}) as Record<string, string>))[camera];
      if (current !== undefined && path[path.length - 1] !== current) {
        if (path.length > 0) leftAt ??= Date.now();
        path.push(current);
      }
      if (current === state) return { seenAt: Date.now(), path, leftAt: leftAt ?? Date.now() };
      await sleep(100);
    }
    throw new Error(`${camera} did not turn ${state} within ${timeoutMs} ms (states seen: ${path.join(" → ") || "none"})`);
  }

  /** Polls the tile's text (its Dashboard/RTSP/Since rows) until it matches. */
  async waitForTileText(camera: string, pattern: RegExp, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = "";
    while (Date.now() < deadline) {
      text = await this.tileText(camera).catch(() => "");
      if (pattern.test(text)) return text;
      await sleep(250);
    }
    throw new Error(`${camera}'s tile did not match ${String(pattern)} within ${timeoutMs} ms: ${JSON.stringify(text)}`);
  }

  /** Each chart's legend and how many canvas pixels carry its first series' colour. */
  async charts(): Promise<ChartReading[]> {
    const frame = await this.frame();
    return frame.evaluate<ChartReading[]>(READ_CHARTS);
  }

  /** Waits until every open chart has a series in its legend and pixels of it on the canvas. */
  async waitForChartsDrawing(timeoutMs: number): Promise<ChartReading[]> {
    const deadline = Date.now() + timeoutMs;
    let last: ChartReading[] = [];
    while (Date.now() < deadline) {
      last = await this.charts().catch(() => []);
      if (last.length > 0 && last.every((c) => c.series.length > 0 && c.seriesPixels > 50)) return last;
      await sleep(500);
    }
    throw new Error(`the charts did not draw within ${timeoutMs} ms: ${JSON.stringify(last)}`);
  }

  /** The alert rows: name and state (firing, pending, resolved). */
  async alerts(): Promise<{ alertname: string; state: string; labels: string }[]> {
    const frame = await this.frame();
    return frame.evaluate<{ alertname: string; state: string; labels: string }[]>(
      `[...document.querySelectorAll(".alert-row")].map((r) => ({ alertname: r.dataset.alert, state: r.dataset.state, labels: r.querySelector(".alert-labels")?.textContent ?? "" }))`,
    );
  }

  async waitForAlert(alertname: string, labelText: string, states: readonly string[], timeoutMs: number): Promise<{ state: string; seenAt: number }> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const row = (await this.alerts().catch(() => [])).find((a) => a.alertname === alertname && a.labels.includes(labelText) && states.includes(a.state));
      if (row) return { state: row.state, seenAt: Date.now() };
      await sleep(250);
    }
    throw new Error(`${alertname} (${labelText}) was not ${states.join(" or ")} in the alerts panel within ${timeoutMs} ms: ${JSON.stringify(await this.alerts().catch(() => []))}`);
  }

  /** The run section's title, verdict and fault rows, as data attributes the page renders. */
  async run(): Promise<{ title: string | null; verdict: string | null; faults: { id: string; state: string }[]; runId: string | null }> {
    const frame = await this.frame();
    return frame.evaluate<{ title: string | null; verdict: string | null; faults: { id: string; state: string }[]; runId: string | null }>(`({
      title: document.querySelector("#run .run-title")?.textContent ?? null,
      verdict: document.querySelector("#run .verdict[data-verdict]")?.dataset.verdict ?? null,
      faults: [...document.querySelectorAll("#run li.fault")].map((f) => ({ id: f.dataset.fault, state: f.dataset.state })),
      runId: document.querySelector("#run .run-id")?.textContent ?? null,
    })`);
  }

  /** Types into the log tail's filter (a vscode-textfield: its inner input gets the keys). */
  async setLogFilter(text: string): Promise<void> {
    const frame = await this.frame();
    const input = frame.locator(".log-filter input");
    await input.fill(text);
  }

  async logFilter(): Promise<string> {
    const frame = await this.frame();
    return frame.evaluate<string>(`document.querySelector(".log-filter")?.value ?? ""`);
  }

  /** Collapses (or opens) a chart card by clicking its summary, as a user would. */
  async toggleChart(queryId: string): Promise<void> {
    const frame = await this.frame();
    await frame.locator(`.chart-card[data-query="${queryId}"] > summary`).click();
  }

  async openCharts(): Promise<Record<string, boolean>> {
    const frame = await this.frame();
    return frame.evaluate<Record<string, boolean>>(`Object.fromEntries([...document.querySelectorAll(".chart-card")].map((c) => [c.dataset.query, c.open]))`);
  }

  /** Scrolls the page so a section is in view before a screenshot. */
  async scrollTo(sectionId: string): Promise<void> {
    const frame = await this.frame();
    await frame.evaluate(`document.getElementById(${JSON.stringify(sectionId)}).scrollIntoView({ block: "start" })`);
  }
}
