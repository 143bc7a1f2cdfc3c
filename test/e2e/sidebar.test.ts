import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { experimentsWorkspace, missingPrerequisites, startCodeServer, type CodeServer } from "./support/codeServer";
import { launchBrowser, Workbench } from "./support/workbench";

const missing = missingPrerequisites();
if (missing.length > 0) throw new Error(`e2e prerequisites missing: ${missing.join(", ")}`);

let server: CodeServer;
let browser: Browser;
let workspace: string;

before(async () => {
  workspace = experimentsWorkspace();
  server = await startCodeServer({ workspace, trusted: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test("the sidebar lists CT-01…CT-04 grouped by component, and the lab's targets with their reachability", { timeout: 120_000 }, async () => {
  const wb = await Workbench.open(browser, server.url);
  const sidebar = await wb.openSidebar();
  for (const id of ["CT-01", "CT-02", "CT-03", "CT-04"]) {
    await sidebar.row("Experiments", id).waitFor({ timeout: 30_000 });
  }
  await sidebar.row("Experiments", "dashboard").waitFor();
  // The lab inventory: the hub target (local) and both cameras, checked live.
  await sidebar.row("Targets", "hub").waitFor({ timeout: 30_000 });
  await sidebar.row("Targets", /tapo_kitchen.*reachable/).waitFor({ timeout: 30_000 });
  await sidebar.row("Targets", /tapo_living_room.*reachable/).waitFor({ timeout: 30_000 });
  await sidebar.row("Targets", /prometheus.*reachable/).waitFor({ timeout: 30_000 });
  assert.match(await wb.statusBar.innerText(), /Chaos/);
  await wb.screenshot("sidebar");
});
