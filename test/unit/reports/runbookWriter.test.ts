import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { JournalEvent } from "../../../src/engine/journal/journalEvents";
import { ExperimentSchema } from "../../../src/engine/model/experimentSchema";
import { renderMarkdownReport } from "../../../src/engine/reports/markdownReport";
import { reportedRunOf } from "../../../src/engine/reports/reportedRun";
import { runbookFileFor, writeRunbook } from "../../../src/engine/reports/runbookWriter";
import type { RunResult } from "../../../src/engine/run/RunResult";

const dir = mkdtempSync(join(tmpdir(), "sc-runbook-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const experiment = ExperimentSchema.parse({
  id: "CT-01",
  title: "Kill the dashboard",
  component: "dashboard",
  faults: [{ id: "kill", type: "process-kill", target: "hub", params: { pattern: "tapo_camera_mcp.web" } }],
  expectations: [{ name: "alert fires", measures: "detect", within: "10s", probe: { type: "alert", alertname: "TapoCameraMcpDown", labels: { instance: "nowhere" } } }],
});
const T0 = Date.UTC(2026, 11, 3, 19, 0, 0);

function journalFile(runId: string): string {
  const events: JournalEvent[] = [
    { type: "run-started", at: T0 - 1000, runId, experimentId: "CT-01", title: "Kill the dashboard", component: "dashboard", file: "ct-01.chaos.yaml", inventoryFile: "", host: "lab", pid: 1, dryRun: false, variables: {} },
    { type: "fault-injected", at: T0, runId, faultId: "kill", verified: true },
    { type: "expectation", at: T0 + 10_000, runId, name: "alert fires", measures: "detect", met: false, metAt: null, detail: "not met within 10s" },
    { type: "run-finished", at: T0 + 12_000, runId, verdict: "failed", timings: { detectMs: null, notifyMs: null, recoverMs: 4100 }, findings: ['expectation "alert fires" was not met: not met within 10s'], durationMs: 13_000 },
  ];
  const file = join(dir, `${runId}.jsonl`);
  // A torn last line, as after a crash: the reader skips it and the report still renders.
  writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join("\n")}\n{"type":"no`);
  return file;
}

function runResult(runId: string): RunResult {
  return {
    runId,
    file: "ct-01.chaos.yaml",
    experiment,
    variables: {},
    dryRun: false,
    verdict: "failed",
    timings: { detectMs: null, notifyMs: null, recoverMs: 4100 },
    findings: [],
    refusedReasons: [],
    expectations: [],
    faults: [],
    // Deliberately empty: the reports must read the journal file, not the in-memory result.
    timeline: [],
    journalFile: journalFile(runId),
    startedAt: T0 - 1000,
    finishedAt: T0 + 12_000,
    revertFailed: false,
  };
}

test("the runbook path is the experiment's, relative to the workspace, or its name inside --runbook-dir", () => {
  const run = reportedRunOf(runResult("r0"));
  assert.equal(runbookFileFor(run, "/ws"), "/ws/runbooks/dashboard.md");
  assert.equal(runbookFileFor(run, "/ws", "/out"), "/out/dashboard.md");
  const named = { ...run, experiment: { ...experiment, runbook: "docs/ops/dash.md" } };
  assert.equal(runbookFileFor(named, "/ws"), "/ws/docs/ops/dash.md");
  assert.equal(runbookFileFor(named, "/ws", "/out"), "/out/dash.md");
});

test("writeRunbook reads the journal back, writes the finding, and keeps the team's text byte for byte", () => {
  const file = join(dir, "nested", "dashboard.md");
  const first = writeRunbook(reportedRunOf(runResult("r1")), file);
  assert.equal(first.changed, true);
  const above = "# Dashboard\n\nWritten by us.\n\n";
  const below = "\n\nEscalate to Sam.\n";
  writeFileSync(file, above + readFileSync(file, "utf8").replace(/^# Runbook: dashboard\n\n/, "").trimEnd() + below);
  writeRunbook(reportedRunOf(runResult("r2")), file);
  const text = readFileSync(file, "utf8");
  assert.ok(text.startsWith(above) && text.endsWith(below));
  assert.match(text, /`TapoCameraMcpDown` was expected but \*\*never fired\*\*: not met within 10s/);
  assert.match(text, /- expectation "alert fires" was not met: not met within 10s/);
  assert.match(text, /\| this run `r2` .*\| 4\.1s \|\n\| previous `r1` /);
  assert.equal(writeRunbook(reportedRunOf(runResult("r2")), file).changed, false, "the same run again changes nothing");
});

test("the suite report has a row per run and each run's section", () => {
  const report = renderMarkdownReport([reportedRunOf(runResult("r3")), reportedRunOf({ ...runResult("r4"), journalFile: null, verdict: "dry-run" })]);
  assert.match(report, /0 of 2 experiments passed/);
  assert.match(report, /\| CT-01 Kill the dashboard \| \*\*failed\*\* \| — \| — \| 4\.1s \|/);
  assert.match(report, /\| CT-01 Kill the dashboard \| \*\*dry-run\*\* \| — \| — \| 4\.1s \| `none \(dry run\)` \|/);
  assert.doesNotMatch(report, /surveillance-chaos:begin/);
});
