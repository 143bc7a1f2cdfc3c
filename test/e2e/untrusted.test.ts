import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { experimentsWorkspace, missingPrerequisites, startCodeServer, type CodeServer } from "./support/codeServer";
import { journalDir } from "./support/journals";
import { explainFailure } from "./support/onFailure";
import { launchBrowser, Workbench } from "./support/workbench";

const missing = missingPrerequisites();
if (missing.length > 0) throw new Error(`e2e prerequisites missing: ${missing.join(", ")}`);

let server: CodeServer;
let browser: Browser;
let workspace: string;

before(async () => {
  workspace = experimentsWorkspace();
  // Without --disable-workspace-trust: the folder opens untrusted once the prompt is declined.
  server = await startCodeServer({ workspace, trusted: false });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

test("an untrusted workspace can browse experiments but refuses to run them", { timeout: 120_000 }, async () => {
  let opened: Workbench | undefined;
  await explainFailure("untrusted", server, () => opened, async () => {
    const wb = (opened = await Workbench.open(browser, server.url));
    await wb.dialog.waitFor({ timeout: 30_000 });
    await wb.dialogButton("No, I don't trust the authors");
    await wb.page.locator(".statusbar", { hasText: /Restricted Mode/ }).waitFor({ timeout: 15_000 });

    const sidebar = await wb.openSidebar();
    await sidebar.row("Experiments", "CT-01").waitFor({ timeout: 30_000 });

    await wb.runCommand("Run Chaos Experiment");
    await wb.pick("CT-01");
    const refusal = wb.notification(/not trusted/);
    await refusal.waitFor({ timeout: 15_000 });
    assert.equal(await wb.dialog.count(), 0, "no confirmation dialog in an untrusted workspace");
    assert.ok(!existsSync(journalDir(workspace)), "nothing was run, so nothing was journaled");
    await wb.screenshot("untrusted-refused");
  });
});
