#!/usr/bin/env node
// Dashboard bench (prints figures, asserts nothing):
//  1. host CPU of the dashboard's poller against the running lab (npm run lab:up) while it
//     shows 2 cameras, 6 queries and a log tail at 1 s refresh, against an idle process,
//     both measured with process.cpuUsage over the same fixed window;
//  2. the page's frame time in headless Chromium with a chart holding 10,000 points, the
//     built page (dist/webview) loaded in a harness page that has the panel's exact CSP.
// Usage: node scripts/bench/dashboard.mjs [--seconds 20] [--skip-host] [--skip-page]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { tsImport } from "tsx/esm/api";
import { buildWebview } from "../build-webview.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { values: args } = parseArgs({ options: { seconds: { type: "string", default: "20" }, "skip-host": { type: "boolean" }, "skip-page": { type: "boolean" } } });
const seconds = Number(args.seconds);
const ts = (path) => tsImport(join(root, path), import.meta.url);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (cpuMicros, wallMs) => ((cpuMicros / 1000 / wallMs) * 100).toFixed(2);

async function cpuOver(ms) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(ms);
  const c = process.cpuUsage(c0);
  return { user: c.user, system: c.system, wall: performance.now() - t0 };
}

async function hostBench() {
  const { loadInventoryFile } = await ts("src/engine/load/loadInventory.ts");
  const { ExperimentSchema } = await ts("src/engine/model/experimentSchema.ts");
  const { DashboardPoller } = await ts("src/extension/dashboard/DashboardPoller.ts");
  const loaded = await loadInventoryFile(join(root, "experiments", "targets.yaml"));
  if (!loaded.ok) throw new Error(`inventory: ${loaded.diagnostics[0]?.message}`);
  const inventory = loaded.value.inventory;
  // Three experiment queries on top of the three defaults: six charts.
  const experiment = ExperimentSchema.parse({
    id: "BENCH",
    title: "dashboard bench",
    component: "dashboard",
    faults: [{ id: "f", type: "process-kill", target: "hub", params: { pattern: "none" } }],
    steadyState: [
      { name: "dashboard scraped", probe: { type: "prometheus", query: 'up{job="tapo-camera-mcp-system"}' } },
      { name: "messages", probe: { type: "prometheus", query: "messages_total" } },
      { name: "scrape samples", probe: { type: "prometheus", query: "sum by (job) (scrape_samples_scraped)" } },
    ],
  });

  console.log(`\n== host: idle vs dashboard polling, ${seconds}s each`);
  const idle = await cpuOver(seconds * 1000);
  let messages = 0;
  let bytes = 0;
  const poller = new DashboardPoller({
    inventory,
    secrets: async () => undefined,
    experiment: { file: "bench", experiment },
    refreshMs: 1000,
    ffmpeg: null,
    // VS Code serialises each postMessage as JSON; do the same work here.
    post: (msg) => {
      messages++;
      bytes += JSON.stringify(msg).length;
    },
  });
  console.log(`cameras ${poller.config.cameras.length}, queries ${poller.config.queries.length}, log query ${poller.config.logQuery}`);
  poller.resync();
  poller.start();
  await sleep(3000); // first range fetches and first stills are the warm-up, not the steady state
  messages = 0;
  bytes = 0;
  const busy = await cpuOver(seconds * 1000);
  const sources = poller.sources.map((s) => `${s.source}=${s.state}${s.detail ? ` (${s.detail.slice(0, 80)})` : ""}`);
  poller.stop();
  console.log(`idle:      user ${(idle.user / 1000).toFixed(0)} ms, system ${(idle.system / 1000).toFixed(0)} ms over ${(idle.wall / 1000).toFixed(1)} s = ${pct(idle.user + idle.system, idle.wall)} % of one core`);
  console.log(`dashboard: user ${(busy.user / 1000).toFixed(0)} ms, system ${(busy.system / 1000).toFixed(0)} ms over ${(busy.wall / 1000).toFixed(1)} s = ${pct(busy.user + busy.system, busy.wall)} % of one core`);
  console.log(`messages to the page: ${(messages / (busy.wall / 1000)).toFixed(1)}/s, ${((bytes / 1024) / (busy.wall / 1000)).toFixed(1)} KiB/s`);
  console.log(`sources at the end: ${sources.join(", ")}`);
}

const MIME = { ".js": "text/javascript", ".css": "text/css", ".ttf": "font/ttf", ".html": "text/html" };

async function pageBench() {
  console.log("\n== page: frame time with a 10,000-point chart (headless Chromium)");
  await buildWebview();
  const { dashboardHtml, createNonce } = await ts("src/extension/dashboard/dashboardHtml.ts");
  const dist = join(root, "dist", "webview");
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/") {
      const origin = `http://127.0.0.1:${server.address().port}`;
      const html = dashboardHtml({ cspSource: origin, nonce: createNonce(), scriptUri: `${origin}/main.js`, styleUri: `${origin}/main.css`, codiconUri: `${origin}/codicon.css` });
      res.writeHead(200, { "content-type": "text/html" }).end(html);
      return;
    }
    try {
      const body = await readFile(join(dist, path.replace(/^\/+/, "").replace(/\.\./g, "")));
      res.writeHead(200, { "content-type": MIME[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // Stands in for VS Code's webview API; init scripts run before the page, whatever its CSP.
    await page.addInitScript(() => {
      window.__posted = [];
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
      let state;
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => (state = s) });
    });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.__posted.some((m) => m.type === "ready"));
    const figures = await page.evaluate(async () => {
      const send = (data) => window.dispatchEvent(new MessageEvent("message", { data }));
      const afterDraw = () => new Promise((r) => queueMicrotask(r));
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      send({ type: "init", config: { refreshMs: 1000, cameras: [{ name: "tapo_kitchen", dashboardId: "tapo_kitchen" }, { name: "tapo_living_room", dashboardId: "tapo_living_room" }], queries: [{ id: "big", title: "10k points", expr: "bench", origin: "default" }], logQuery: "{}", windowSeconds: 1_000_000, experimentFile: null, inventoryName: "bench" } });
      const n = 10_000;
      const t0 = Math.floor(Date.now() / 1000) - n;
      const times = Array.from({ length: n }, (_, i) => t0 + i);
      const values = times.map((t, i) => Math.sin(i / 200) + Math.random() * 0.1);
      let start = performance.now();
      send({ type: "series", batch: { queryId: "big", mode: "replace", times, series: [{ label: '{job="bench"}', values }] } });
      await afterDraw();
      const firstDraw = performance.now() - start;
      send({ type: "run", run: { runId: "r", experimentId: "BENCH", title: "bench", dryRun: false, startedAt: (t0 + 1000) * 1000, phases: [{ phase: "observe", at: (t0 + 1000) * 1000 }], faults: [], expectations: [], notes: [], window: { injectedAt: (t0 + 4000) * 1000, revertedAt: (t0 + 7000) * 1000, detectAt: (t0 + 5000) * 1000, recoverAt: (t0 + 8000) * 1000 }, verdict: null } });
      await frame();
      // One append (a 1 s refresh's worth) costs: validation, merge, redraw of all 10,000 points.
      const updates = [];
      let last = t0 + n;
      for (let i = 0; i < 60; i++) {
        last++;
        start = performance.now();
        send({ type: "series", batch: { queryId: "big", mode: "append", times: [last], series: [{ label: '{job="bench"}', values: [Math.random()] }] } });
        await afterDraw();
        updates.push(performance.now() - start);
        await frame();
      }
      // Frame pacing while updating on every frame (60× the 1 s refresh): rAF deltas.
      const deltas = [];
      let prev = performance.now();
      const until = prev + 3000;
      while (performance.now() < until) {
        last++;
        send({ type: "series", batch: { queryId: "big", mode: "append", times: [last], series: [{ label: '{job="bench"}', values: [Math.random()] }] } });
        await frame();
        const now = performance.now();
        deltas.push(now - prev);
        prev = now;
      }
      // The CSP in a real browser: an inline script added to the page must not run.
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.body.appendChild(s);
      await frame();
      const q = (arr, p) => [...arr].sort((a, b) => a - b)[Math.min(arr.length - 1, Math.floor(arr.length * p))];
      return {
        points: document.querySelector('[data-query="big"] canvas') ? n : 0,
        firstDraw,
        updateP50: q(updates, 0.5),
        updateP95: q(updates, 0.95),
        updateMax: Math.max(...updates),
        frames: deltas.length,
        frameP50: q(deltas, 0.5),
        frameP95: q(deltas, 0.95),
        frameMax: Math.max(...deltas),
        inlineRan: window.__inlineRan === true,
        violations: window.__cspViolations,
        posted: window.__posted.map((m) => m.type),
        buttonsUpgraded: customElements.get("vscode-button") !== undefined,
      };
    });
    const f = (x) => `${x.toFixed(2)} ms`;
    console.log(`chart: ${figures.points} points; first draw ${f(figures.firstDraw)}`);
    console.log(`one append + redraw (60 samples): p50 ${f(figures.updateP50)}, p95 ${f(figures.updateP95)}, max ${f(figures.updateMax)}`);
    console.log(`frame time while appending every frame (${figures.frames} frames): p50 ${f(figures.frameP50)}, p95 ${f(figures.frameP95)}, max ${f(figures.frameMax)}`);
    console.log(`CSP: inline script ran: ${figures.inlineRan}; violations reported: ${figures.violations.length} ${figures.violations.slice(0, 3).join(" | ")}`);
    console.log(`page posted: ${[...new Set(figures.posted)].join(", ")}; vscode-elements defined: ${figures.buttonsUpgraded}; page errors: ${errors.length === 0 ? "none" : errors.join(" | ")}`);
  } finally {
    await browser.close();
    server.close();
  }
}

if (!args["skip-host"]) await hostBench();
if (!args["skip-page"]) await pageBench();
