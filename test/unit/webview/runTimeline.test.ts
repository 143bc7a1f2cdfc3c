import "./jsdomEnv";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RunTimeline } from "../../../webview/src/runTimeline";
import { runView, T0 } from "./fixtures";

function setup() {
  const root = document.createElement("div");
  const calls: string[] = [];
  const timeline = new RunTimeline(root, {
    revertFault: (runId, faultId) => calls.push(`revert ${runId} ${faultId}`),
    openJournal: (runId) => calls.push(`journal ${runId}`),
    openRunbook: (runId) => calls.push(`runbook ${runId}`),
  });
  return { root, timeline, calls };
}

describe("run timeline", () => {
  it("says it is a live view when there is no run", () => {
    const { root } = setup();
    assert.match(root.textContent!, /live view of the stack/);
  });

  it("shows every phase in order, done and current", () => {
    const { root, timeline } = setup();
    timeline.update(runView());
    const phases = [...root.querySelectorAll<HTMLElement>(".phase")];
    assert.equal(phases.length, 10);
    assert.equal(phases[0]!.dataset.state, "done");
    assert.equal(root.querySelector<HTMLElement>('[data-phase="observe"]')!.dataset.state, "current");
    assert.equal(root.querySelector<HTMLElement>('[data-phase="revert"]')!.dataset.state, "todo");
    assert.match(root.querySelector('[data-phase="inject"]')!.textContent!, /\+3s/);
  });

  it("reverts an active fault once when its button is pressed", () => {
    const { root, timeline, calls } = setup();
    timeline.update(runView());
    const button = root.querySelector<HTMLElement>('.revert[data-fault="cut-kitchen"]')!;
    button.dispatchEvent(new window.MouseEvent("click"));
    assert.deepEqual(calls, ["revert run-1 cut-kitchen"]);
    const again = root.querySelector<HTMLElement>('.revert[data-fault="cut-kitchen"]')!;
    assert.ok(again.hasAttribute("disabled"));
    again.dispatchEvent(new window.MouseEvent("click"));
    assert.equal(calls.length, 1);
    timeline.revertFailed();
    assert.equal(root.querySelector('.revert[data-fault="cut-kitchen"]')!.hasAttribute("disabled"), false);
  });

  it("shows the verdict, the measured times and links to the journal and runbook", () => {
    const { root, timeline, calls } = setup();
    const run = runView();
    timeline.update({
      ...run,
      faults: run.faults.map((f) => ({ ...f, state: "reverted", revertedAt: T0 + 60_000 })),
      verdict: { verdict: "passed", detectMs: 12_000, notifyMs: 45_000, recoverMs: 8_000, findings: [], durationMs: 95_000, at: T0 + 95_000 },
    });
    assert.equal(root.querySelector<HTMLElement>(".verdict")!.dataset.verdict, "passed");
    assert.equal(root.querySelector('[data-timing="detect"]')!.textContent, "12s");
    assert.equal(root.querySelector('[data-timing="notify"]')!.textContent, "45s");
    assert.equal(root.querySelector('[data-timing="recover"]')!.textContent, "8s");
    assert.equal(root.querySelectorAll(".revert").length, 0, "no revert button once reverted");
    root.querySelector<HTMLElement>(".open-journal")!.dispatchEvent(new window.MouseEvent("click"));
    root.querySelector<HTMLElement>(".open-runbook")!.dispatchEvent(new window.MouseEvent("click"));
    assert.deepEqual(calls, ["journal run-1", "runbook run-1"]);
    assert.match(root.querySelector(".expectation")!.textContent!, /met \+12s/);
  });
});
