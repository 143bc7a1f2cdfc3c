#!/usr/bin/env node
// Checks a running demo from a headless Chromium, the way a user would see it: the VS Code
// workbench loads, the activity bar holds the Surveillance Chaos container, and opening it
// shows the Experiments view. Saves test-results/demo/workbench.png.
// Usage: node scripts/demo/checkWorkbench.mjs [URL]   (default http://127.0.0.1:$DEMO_PORT/)
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const url = process.argv[2] ?? `http://127.0.0.1:${process.env.DEMO_PORT ?? "8080"}/?folder=${encodeURIComponent(root)}`;
const screenshot = join(root, "test-results", "demo", "workbench.png");
// The flags lab-recipes.md lists for Debian's Chromium on these machines.
const args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const began = Date.now();
  await page.goto(url);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
  await page.locator(".statusbar").waitFor({ timeout: 60_000 });
  console.log(`workbench loaded in ${Date.now() - began} ms`);
  const container = page.locator('.activitybar .action-item a[aria-label^="Surveillance Chaos"]').first();
  await container.waitFor({ timeout: 60_000 });
  console.log(`activity bar has the Surveillance Chaos container after ${Date.now() - began} ms`);
  await container.click();
  await page.locator(".pane-header", { hasText: /Experiments/i }).first().waitFor({ timeout: 30_000 });
  console.log(`Experiments view open after ${Date.now() - began} ms`);
  // The extension lists the repository's experiments once it has activated and scanned.
  await page.locator(".monaco-list-row", { hasText: "CT-01" }).first().waitFor({ timeout: 60_000 });
  const rows = await page.locator(".monaco-list-row", { hasText: /CT-0\d/ }).count();
  console.log(`Experiments view lists ${rows} experiments after ${Date.now() - began} ms`);
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
}
