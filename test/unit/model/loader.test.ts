import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { formatDiagnostic } from "../../../src/engine/load/Diagnostic";
import { loadExperimentText } from "../../../src/engine/load/loadExperiment";
import { loadInventoryText } from "../../../src/engine/load/loadInventory";
import { durationMs } from "../../../src/engine/model/duration";

const ct01 = readFileSync("experiments/ct-01-kill-dashboard.chaos.yaml", "utf8");
const inventoryText = readFileSync("experiments/targets.yaml", "utf8");
const inv = loadInventoryText("targets.yaml", inventoryText);
assert.ok(inv.ok);
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

function errors(text: string, withInventory = true): string[] {
  const loaded = loadExperimentText("ct.chaos.yaml", text, withInventory && inv.ok ? inv.value : undefined);
  assert.equal(loaded.ok, false, "expected the file to be refused");
  return loaded.ok ? [] : loaded.diagnostics.map(formatDiagnostic);
}

describe("experiment schema and loader", () => {
  it("loads CT-01 against the lab inventory with the lab's timings", () => {
    const loaded = loadExperimentText("ct.chaos.yaml", ct01, inv.ok ? inv.value : undefined);
    assert.ok(loaded.ok);
    const e = loaded.value.experiment;
    assert.equal(durationMs(e.expectations[0]!.within), 60_000);
    assert.equal(e.faults[0]!.target, "hub");
    assert.equal(loaded.value.variables.detectWithin, "60s");
    const probe = e.steadyState[0]!.probe;
    assert.ok(probe.type === "http" && probe.url === "http://127.0.0.1:7777/api/status");
  });

  it("a misspelt key is reported at its line and column, naming the key it most likely means", () => {
    const text = ct01.replace("    measures: detect", "    measure: detect");
    assert.deepEqual(errors(text), [`ct.chaos.yaml:${lineOf(text, "measure: detect")}:5: error: unknown key "measure" (did you mean "measures"?)`]);
  });

  it("a misspelt required key is one diagnostic at the misspelling, not a second 'required' one", () => {
    const text = ct01.replace("\ntitle:", "\ntitel:");
    assert.deepEqual(errors(text), [`ct.chaos.yaml:${lineOf(text, "titel:")}:1: error: unknown key "titel" (did you mean "title"?)`]);
  });

  it("a misspelt key inside a probe is matched against that probe type's own keys", () => {
    const text = ct01.replace("      alertname: TapoCameraMcpDown", "      alertnme: TapoCameraMcpDown");
    const [d] = errors(text);
    assert.equal(d, `ct.chaos.yaml:${lineOf(text, "alertnme:")}:7: error: unknown key "alertnme" (did you mean "alertname"?)`);
  });

  it("a key the object already has is not suggested", () => {
    const text = ct01.replace("\ncomponent: dashboard", "\ncomponent: dashboard\ntitel: again");
    assert.deepEqual(errors(text), [`ct.chaos.yaml:${lineOf(text, "titel:")}:1: error: unknown key "titel"`]);
  });

  it("a key that resembles nothing gets no guess", () => {
    const text = ct01.replace("\ncomponent: dashboard", "\ncomponent: dashboard\nflavour: vanilla");
    assert.deepEqual(errors(text), [`ct.chaos.yaml:${lineOf(text, "flavour:")}:1: error: unknown key "flavour"`]);
  });

  it("a bad duration names the field", () => {
    const text = ct01.replace("  budget: 2m", "  budget: two minutes");
    const [d] = errors(text);
    assert.match(d!, new RegExp(`^ct.chaos.yaml:${lineOf(text, "budget: two")}:11: error: recovery.budget: expected a duration`));
  });

  it("an unknown variable is reported where it is used", () => {
    const text = ct01.replace("within: ${notifyWithin}", "within: ${notifyWithn}");
    assert.deepEqual(errors(text), [`ct.chaos.yaml:${lineOf(text, "notifyWithn")}:13: error: unknown variable \${notifyWithn}`]);
  });

  it("an unknown target lists the inventory's targets", () => {
    const text = ct01.replace("target: ${hub}\n    params", "target: nvr\n    params");
    const [d] = errors(text);
    assert.match(d!, /:\d+:13: error: unknown target "nvr" \(inventory .*targets.yaml has: hub, hub-ssh, lab-docker\)/);
  });

  it("a YAML syntax error is a diagnostic, not a stack trace", () => {
    const [d] = errors("id: CT-01\ntitle: [unclosed\n");
    assert.match(d!, /^ct.chaos.yaml:\d+:\d+: error: /);
  });
});

describe("inventory", () => {
  it("resolves ${inventoryDir} in paths, labels and variables, relative to the inventory file", () => {
    const loaded = loadInventoryText("/srv/chaos/experiments/targets.yaml", inventoryText);
    assert.ok(loaded.ok);
    const { inventory } = loaded.value;
    assert.equal(inventory.targets.hub!.labels.supervisorDir, "/srv/chaos/experiments/../lab/.state/run/supervisor");
    assert.equal(inventory.variables.lokiChunksDir, "/srv/chaos/experiments/../lab/.state/loki/chunks");
    const ssh = inventory.targets["hub-ssh"]!.transport;
    assert.ok(ssh.type === "ssh" && ssh.keyFile === "/srv/chaos/lab/.state/ssh/user_ed25519");
  });

  it("any other placeholder in an inventory is an error at its position", () => {
    const text = "targets:\n  hub:\n    transport: { type: local }\n    labels: { dir: \"${nope}\" }\n";
    const loaded = loadInventoryText("t.yaml", text);
    assert.equal(loaded.ok, false);
    assert.deepEqual(loaded.ok ? [] : loaded.diagnostics.map(formatDiagnostic), ["t.yaml:4:20: error: unknown variable ${nope}"]);
  });
});
