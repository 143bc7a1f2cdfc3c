import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { journalDir } from "./support/journals";
import { explainFailure } from "./support/onFailure";
import { useE2eSession } from "./support/session";
import { Workbench } from "./support/workbench";

// Without --disable-workspace-trust: the folder opens untrusted once the prompt is declined.
const session = useE2eSession({ trusted: false });

test("an untrusted workspace can browse experiments but refuses to run them", { timeout: 120_000 }, async () => {
  let opened: Workbench | undefined;
  await explainFailure("untrusted", session.server, () => opened, async () => {
    const wb = (opened = await Workbench.open(session.browser, session.server.url));
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
    assert.ok(!existsSync(journalDir(session.workspace)), "nothing was run, so nothing was journaled");
    await wb.screenshot("untrusted-refused");
  });
});
