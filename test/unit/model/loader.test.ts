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

  it("a misspelt key is reported at its line and column", () => {
    const text = ct01.replace("    measures: detect", "    measure: detect");
    assert.deepEqual(errors(text), [`ct.chaos.yaml:${lineOf(text, "measure: detect")}:5: error: unknown key "measure"`]);
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
    assert.match(d!, /:\d+:13: error: unknown target "nvr" \(inventory .*targets.yaml has: hub\)/);
  });

  it("a YAML syntax error is a diagnostic, not a stack trace", () => {
    const [d] = errors("id: CT-01\ntitle: [unclosed\n");
    assert.match(d!, /^ct.chaos.yaml:\d+:\d+: error: /);
  });
});
