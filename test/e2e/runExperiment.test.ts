import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { activeFaults, runs } from "./support/journals";
import { explainFailure } from "./support/onFailure";
import { useE2eSession } from "./support/session";
import { Workbench } from "./support/workbench";

let workbench: Workbench | undefined;

/** The team's own runbook text, which a runbook edit must keep byte for byte. */
const HAND_WRITTEN = "# Dashboard runbook\n\nOur escalation notes: call the pager, then the ops channel.\n";

const session = useE2eSession({
  trusted: true,
  prepare: (workspace) => {
    mkdirSync(join(workspace, "runbooks"));
    writeFileSync(join(workspace, "runbooks", "dashboard.md"), HAND_WRITTEN);
  },
});

test("Run Chaos Experiment from the palette: pick CT-01, confirm, and the tree shows it passed", { timeout: 300_000 }, async () => {
  await explainFailure("run", session.server, () => workbench, async () => {
    const wb = (workbench = await Workbench.open(session.browser, session.server.url));
    const sidebar = await wb.openSidebar();
    await sidebar.row("Experiments", "CT-01").waitFor({ timeout: 30_000 });

    await wb.runCommand("Run Chaos Experiment");
    await wb.pick("CT-01");
    // One modal dialog listing the faults and the targets.
    await wb.dialog.waitFor();
    const text = await wb.dialog.innerText();
    assert.match(text, /Run CT-01 and inject 1 fault into hub\?/);
    assert.match(text, /process-kill "kill-dashboard" on hub/);
    assert.match(text, /hub: this machine/);
    await wb.screenshot("run-confirm");
    await wb.dialogButton("Inject Faults");

    // While it runs: a spinning node and a warning-coloured status bar item with the elapsed time.
    await sidebar.row("Experiments", /CT-01.*running/).waitFor({ timeout: 30_000 });
    await wb.statusBar.locator(".statusbar-item", { hasText: /CT-01 \d+s/ }).waitFor({ timeout: 10_000 });
    await wb.screenshot("run-in-progress");

    const verdict = wb.notification(/CT-01 (passed|failed|refused|error|was stopped|: a revert failed)/);
    await verdict.waitFor({ timeout: 240_000 });
    assert.match(await verdict.innerText(), /CT-01 passed: detect/);
    await sidebar.row("Experiments", /CT-01.*passed.*detect/).waitFor({ timeout: 15_000 });
    await wb.screenshot("run-passed");

    const finished = runs(session.workspace).filter((r) => r.experimentId === "CT-01");
    assert.equal(finished.length, 1);
    assert.equal(finished[0]!.verdict, "passed");
    assert.deepEqual(activeFaults(session.workspace), []);

    // "Show Report" on the verdict opens the engine's markdown report of that run.
    await verdict.locator(".monaco-button", { hasText: "Show Report" }).click();
    await wb.page.locator(".editor-instance .view-lines", { hasText: "Surveillance Chaos run report" }).first().waitFor({ timeout: 15_000 });
    await wb.screenshot("run-report");
  });
});

test("Dry Run Experiment shows the exact commands and changes nothing", { timeout: 120_000 }, async () => {
  await explainFailure("dry-run", session.server, () => workbench, async () => {
    // The same window as the run: code-server's second window on one folder is not what users do.
    const wb = workbench ?? (workbench = await Workbench.open(session.browser, session.server.url));
    const before = runs(session.workspace).length;
    await wb.runCommand("Dry Run Experiment");
    await wb.pick("CT-01");
    await wb.page.locator(".editor-instance .view-lines", { hasText: "Dry run of CT-01" }).first().waitFor({ timeout: 60_000 });
    await wb.page.locator(".editor-instance .view-lines", { hasText: "kill-dashboard (process-kill) on" }).first().waitFor();
    assert.equal(runs(session.workspace).length, before, "a dry run writes no journal");
    await wb.screenshot("dry-run");
  });
});

test("Review Runbook Edit shows the run's section as a diff and applies it between markers, keeping the team's text", { timeout: 120_000 }, async () => {
  await explainFailure("runbook", session.server, () => workbench, async () => {
    const wb = workbench ?? (workbench = await Workbench.open(session.browser, session.server.url));
    const run = runs(session.workspace).find((r) => r.experimentId === "CT-01" && r.verdict === "passed");
    assert.ok(run, "the CT-01 run of the first test");
    await wb.runCommand("Review Runbook Edit");
    await wb.pick("CT-01 · passed");
    // The diff: the file as it is on the left, the proposed runbook on the right.
    await wb.page.locator(".monaco-diff-editor .view-lines", { hasText: "surveillance-chaos:begin CT-01" }).first().waitFor({ timeout: 30_000 });
    const file = join(session.workspace, "runbooks", "dashboard.md");
    assert.equal(readFileSync(file, "utf8"), HAND_WRITTEN, "nothing is written before the user applies it");
    await wb.screenshot("runbook-diff");

    await wb.notification(/Apply CT-01's section to runbooks\/dashboard\.md/).locator(".monaco-button", { hasText: "Apply Edit" }).click();
    const deadline = Date.now() + 15_000;
    while (readFileSync(file, "utf8") === HAND_WRITTEN && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const text = readFileSync(file, "utf8");
    assert.ok(text.startsWith(HAND_WRITTEN), "the hand-written text above the section is kept");
    assert.match(text, new RegExp(`\\| this run \`${run.runId}\` \\| [^|]+ \\| passed \\| \\d`));
    assert.match(text, /`TapoCameraMcpDown` fired [\d.]+m?s after injection/);
    assert.match(text, /<!-- surveillance-chaos:end CT-01 -->\n$/);
    await wb.screenshot("runbook-applied");
  });
});
