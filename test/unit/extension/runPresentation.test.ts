import assert from "node:assert/strict";
import { test } from "node:test";
import { loadExperimentText } from "../../../src/engine/load/loadExperiment";
import { loadInventoryText } from "../../../src/engine/load/loadInventory";
import type { RunResult } from "../../../src/engine/run/RunResult";
import { confirmationText } from "../../../src/extension/run/confirmationText";
import { renderDryRun } from "../../../src/extension/run/renderDryRun";
import { exitCodeOf } from "../../../src/extension/tasks/exitCode";

const inventory = loadInventoryText(
  "targets.yaml",
  `targets:
  hub: { allowChaos: true, transport: { type: ssh, host: 10.0.0.2, port: 2222, user: chaos, sudo: true } }
  nas: { allowChaos: true, transport: { type: local } }
`,
);
const experiment = loadExperimentText(
  "x.chaos.yaml",
  `id: CT-77
title: Two faults
component: dashboard
faults:
  - { id: kill-it, type: process-kill, target: hub, params: { pattern: tapo_camera_mcp.web } }
  - { type: process-pause, target: nas, duration: 30s, params: { pattern: promtail } }
`,
);

test("the confirmation lists every fault and every target with how it is reached", () => {
  assert.ok(inventory.ok && experiment.ok);
  const entry = { uri: undefined as never, id: "CT-77", title: "Two faults", component: "dashboard", loaded: experiment.value, diagnostics: [] };
  const { message, detail } = confirmationText(entry, inventory.value);
  assert.equal(message, "Run CT-77 and inject 2 faults into hub, nas?");
  assert.match(detail, /• process-kill "kill-it" on hub: \{"pattern":"tapo_camera_mcp.web","signal":"SIGKILL"\}/);
  assert.match(detail, /• process-pause "process-pause-2" on nas for 30s/);
  assert.match(detail, /• hub: ssh chaos@10\.0\.0\.2:2222 \(sudo\)/);
  assert.match(detail, /• nas: this machine/);
});

test("custom commands are named in the confirmation exactly as they will run", () => {
  const custom = loadExperimentText(
    "c.chaos.yaml",
    `id: CT-78
title: Own command
component: dashboard
faults:
  - { type: custom, target: nas, params: { inject: [systemctl, stop, "my unit"], revert: [systemctl, start, "my unit"], confirm: true } }
`,
  );
  assert.ok(inventory.ok && custom.ok);
  const entry = { uri: undefined as never, id: "CT-78", title: "Own command", component: "dashboard", loaded: custom.value, diagnostics: [] };
  const text = confirmationText(entry, inventory.value);
  assert.equal(text.custom, true);
  assert.equal(text.message, "Run CT-78 and inject 1 fault into nas? It runs custom commands.");
  assert.match(text.detail, /• "custom-1" on nas: inject systemctl stop 'my unit'; revert systemctl start 'my unit'/);
  assert.equal(confirmationText({ ...entry, loaded: experiment.ok ? experiment.value : undefined }, inventory.value).custom, false);
});

function result(overrides: Partial<RunResult>): RunResult {
  assert.ok(experiment.ok);
  return {
    runId: "CT-77-x",
    file: "x.chaos.yaml",
    experiment: experiment.value.experiment,
    variables: { hub: "hub" },
    dryRun: true,
    verdict: "dry-run",
    timings: { detectMs: null, notifyMs: null, recoverMs: null },
    findings: [],
    refusedReasons: [],
    expectations: [],
    faults: [
      {
        faultId: "kill-it",
        type: "process-kill",
        target: "hub",
        summary: "SIGKILL pid 4242 on hub",
        commands: ["kill -KILL 4242"],
        revertCommands: [],
        reversible: false,
        injectedAt: null,
        injectionVerified: false,
        revert: "not-planned",
        revertedAt: null,
      },
    ],
    timeline: [],
    journalFile: null,
    startedAt: 0,
    finishedAt: 1,
    revertFailed: false,
    ...overrides,
  };
}

test("a dry run document shows the exact commands per target", () => {
  const md = renderDryRun(result({}), "experiments/x.chaos.yaml");
  assert.match(md, /^# Dry run of CT-77: Two faults/);
  assert.match(md, /## kill-it \(process-kill\) on `hub`\n\nSIGKILL pid 4242 on hub\n\nInject:\n\n```sh\nkill -KILL 4242\n```/);
  assert.match(md, /Not reversible by the tool/);
  assert.match(md, /\| hub \| `hub` \|/);
  const refused = renderDryRun(result({ refusedReasons: ["tool pgrep missing on hub"], faults: [] }), "x");
  assert.match(refused, /## Preflight would refuse\n\n- tool pgrep missing on hub/);
});

test("task exit codes follow the CLI's", () => {
  assert.equal(exitCodeOf(result({ verdict: "passed", dryRun: false })), 0);
  assert.equal(exitCodeOf(result({ verdict: "dry-run" })), 0);
  assert.equal(exitCodeOf(result({ verdict: "failed" })), 1);
  assert.equal(exitCodeOf(result({ verdict: "aborted" })), 1);
  assert.equal(exitCodeOf(result({ verdict: "refused" })), 2);
  assert.equal(exitCodeOf(result({ verdict: "passed", revertFailed: true })), 3);
});
