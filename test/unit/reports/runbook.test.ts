import assert from "node:assert/strict";
import { test } from "node:test";
import type { JournalEvent } from "../../../src/engine/journal/journalEvents";
import { ExperimentSchema } from "../../../src/engine/model/experimentSchema";
import { runFacts } from "../../../src/engine/reports/runFacts";
import { updateRunbook } from "../../../src/engine/reports/runbookFile";
import { parseHistory } from "../../../src/engine/reports/runbookSection";

const experiment = ExperimentSchema.parse({
  id: "CT-01",
  title: "Kill the dashboard",
  component: "dashboard",
  hypothesis: "The alert fires and the supervisor restarts it.",
  faults: [{ id: "kill", type: "process-kill", target: "hub", params: { pattern: "tapo_camera_mcp.web" } }],
  expectations: [
    { name: "alert fires", measures: "detect", within: "60s", probe: { type: "alert", alertname: "TapoCameraMcpDown" } },
    { name: "The supervisor restarts the dashboard", within: "60s", probe: { type: "process", target: "hub", pattern: "tapo_camera_mcp.web" } },
  ],
  recovery: { budget: "1m", manualSteps: ["systemctl restart tapo-camera-mcp"] },
});

/** A journal as the runner writes it: injection at t0, alert at +6.2 s, restart at +7 s. */
function journal(runId: string, t0: number, alertMet = true): JournalEvent[] {
  return [
    { type: "run-started", at: t0 - 2000, runId, experimentId: "CT-01", title: "Kill the dashboard", component: "dashboard", file: "ct-01.chaos.yaml", inventoryFile: "targets.yaml", host: "lab", pid: 1, dryRun: false, variables: {} },
    { type: "fault-planned", at: t0 - 10, runId, faultId: "kill", faultType: "process-kill", target: "hub", transport: { type: "local" }, summary: "SIGKILL pid 42 on hub", commands: ["kill -KILL 42"], revertCommands: [], revert: { type: "process-kill" }, reversible: false, deadManAt: null },
    { type: "fault-injected", at: t0, runId, faultId: "kill", verified: true },
    { type: "fault-reverted", at: t0, runId, faultId: "kill", verified: true, by: "not-needed" },
    { type: "expectation", at: t0 + 6200, runId, name: "alert fires", measures: "detect", met: alertMet, metAt: alertMet ? t0 + 6200 : null, detail: alertMet ? "firing" : "no alert TapoCameraMcpDown within 60s" },
    { type: "expectation", at: t0 + 7000, runId, name: "The supervisor restarts the dashboard", measures: null, met: true, metAt: t0 + 7000, detail: "pid 43" },
    {
      type: "run-finished",
      at: t0 + 9000,
      runId,
      verdict: alertMet ? "passed" : "failed",
      timings: { detectMs: alertMet ? 6200 : null, notifyMs: null, recoverMs: 8000 },
      findings: alertMet ? [] : ['expected alert TapoCameraMcpDown never fired within 60s'],
      durationMs: 11000,
    },
  ];
}

const T0 = Date.UTC(2026, 11, 3, 19, 0, 0);

test("a new runbook gets a section between markers with measured times and the finding", () => {
  const text = updateRunbook("", experiment, runFacts(journal("r1", T0)));
  assert.match(text, /<!-- surveillance-chaos:begin CT-01 -->/);
  assert.match(text, /\| this run `r1` \| 2026-12-03 18:59 UTC \| passed \| 6\.2s \| — \| 8s \|/);
  assert.match(text, /`TapoCameraMcpDown` fired 6\.2s after injection/);
  assert.match(text, /Automatic: the supervisor restarts the dashboard, 7s after injection/);
  assert.match(text, /1\. `systemctl restart tapo-camera-mcp`/);
});

test("hand-written text above and below the markers survives two re-runs byte for byte", () => {
  const above = "# Dashboard runbook\n\nOur own words, kept as they are.\n\n";
  const below = "\n\n## Escalation\n\nCall the pager.\n";
  let text = above + updateRunbook("", experiment, runFacts(journal("r1", T0))).replace(/^# Runbook: dashboard\n\n/, "") + below;
  text = updateRunbook(text, experiment, runFacts(journal("r2", T0 + 86_400_000)));
  text = updateRunbook(text, experiment, runFacts(journal("r3", T0 + 2 * 86_400_000, false)));
  assert.ok(text.startsWith(above));
  assert.ok(text.endsWith(below));
  assert.equal(text.split("surveillance-chaos:begin CT-01").length, 2, "exactly one section");
  const history = parseHistory(text);
  assert.deepEqual(history.map((h) => h.runId), ["r3", "r2", "r1"]);
  assert.match(text, /`TapoCameraMcpDown` was expected but \*\*never fired\*\*/);
  assert.match(text, /- expected alert TapoCameraMcpDown never fired within 60s/);
});

test("the same input gives the same text", () => {
  const a = updateRunbook("x\n", experiment, runFacts(journal("r1", T0)));
  const b = updateRunbook("x\n", experiment, runFacts(journal("r1", T0)));
  assert.equal(a, b);
  assert.equal(updateRunbook(a, experiment, runFacts(journal("r1", T0))), a, "re-applying the same run changes nothing");
});

test("a begin marker without its end is refused rather than eating the file", () => {
  assert.throws(() => updateRunbook("<!-- surveillance-chaos:begin CT-01 -->\nmine\n", experiment, runFacts(journal("r1", T0))), /without/);
});
