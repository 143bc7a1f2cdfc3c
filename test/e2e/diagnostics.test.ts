import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { explainFailure } from "./support/onFailure";
import { useE2eSession } from "./support/session";
import { Workbench } from "./support/workbench";

// Line 4 holds a misspelt key; line 9 a fault target the inventory does not have.
const Broken = `id: CT-90
title: A broken experiment
component: dashboard
titel: misspelt
faults:
  - id: kill-it
    type: process-kill
    params: { pattern: nothing-real }
    target: nowhere
`;

const session = useE2eSession({
  trusted: true,
  prepare: (workspace) => writeFileSync(join(workspace, "experiments", "ct-90-broken.chaos.yaml"), Broken),
});

test("a malformed experiment file shows its problem at the right line, and edits update it as typed", { timeout: 120_000 }, async () => {
  let opened: Workbench | undefined;
  await explainFailure("diagnostics", session.server, () => opened, async () => {
    const wb = (opened = await Workbench.open(session.browser, session.server.url));
    const sidebar = await wb.openSidebar();
    await sidebar.row("Experiments", /CT-90.*problem/).waitFor({ timeout: 30_000 });

    const problems = await wb.openProblems();
    const misspelt = problems.locator(".monaco-list-row", { hasText: 'unknown key "titel"' }).first();
    await misspelt.waitFor({ timeout: 30_000 });
    assert.match(await misspelt.innerText(), /Ln 4, Col 1/);
    await wb.screenshot("diagnostics-problems");

    // Fix the key in the editor, without saving: the problem goes, the next one (the unknown target) stays.
    await wb.openFile("ct-90-broken.chaos.yaml");
    await wb.page.keyboard.press("Control+Home");
    for (let i = 0; i < 3; i++) await wb.page.keyboard.press("ArrowDown");
    await wb.page.keyboard.press("Home");
    await wb.page.keyboard.press("Shift+End");
    await wb.page.keyboard.type("description: fixed as typed");
    await misspelt.waitFor({ state: "detached", timeout: 15_000 });
    const target = problems.locator(".monaco-list-row", { hasText: 'unknown target "nowhere"' }).first();
    await target.waitFor({ timeout: 15_000 });
    assert.match(await target.innerText(), /Ln 9, Col 13/);
    await wb.screenshot("diagnostics-as-typed");
  });
});
