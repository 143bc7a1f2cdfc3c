import assert from "node:assert/strict";
import { test } from "node:test";
import { activeFaults, runs } from "./support/journals";
import { explainFailure } from "./support/onFailure";
import { useE2eSession } from "./support/session";
import { Workbench } from "./support/workbench";


const session = useE2eSession({ trusted: true });

test("Stop and Revert All during a run (CT-02, a camera cut off) leaves no active fault", { timeout: 240_000 }, async () => {
  let opened: Workbench | undefined;
  await explainFailure("stop", session.server, () => opened, async () => {
    const wb = (opened = await Workbench.open(session.browser, session.server.url));
    const sidebar = await wb.openSidebar();
    await sidebar.row("Experiments", "CT-02").waitFor({ timeout: 30_000 });

    await wb.runCommand("Run Chaos Experiment");
    await wb.pick("CT-02");
    await wb.dialog.waitFor();
    await wb.dialogButton("Inject Faults");

    // The fault is in place: listed in Active Faults, status bar in warning colours.
    await sidebar.row("Active Faults", /cut-camera on hub.*injected/).waitFor({ timeout: 90_000 });
    assert.equal(activeFaults(session.workspace).length, 1);
    await wb.screenshot("stop-fault-active");

    await wb.runCommand("Stop and Revert All Faults");
    await sidebar.row("Experiments", /CT-02.*aborted/).waitFor({ timeout: 90_000 });
    await sidebar.view("Active Faults").getByText("No fault is active").waitFor({ timeout: 15_000 });
    await wb.screenshot("stop-reverted");

    assert.deepEqual(activeFaults(session.workspace), []);
    const run = runs(session.workspace).find((r) => r.experimentId === "CT-02");
    assert.equal(run?.verdict, "aborted");
  });
});
