import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readJournal } from "../../../src/engine/journal/journalReader";
import type { LoadedInventory } from "../../../src/engine/load/loadInventory";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import { dryRunExperiment } from "../../../src/engine/run/dryRun";
import { runExperiment } from "../../../src/engine/run/runExperiment";
import { experiment, fakeDeps, FakeFaultDriver, fakeProbeDriver, fakeRules, fakeTransportPool, inventory } from "./fakes";

const dir = mkdtempSync(join(tmpdir(), "sc-preflight-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const okProbes = fakeProbeDriver(() => ({ ok: true, detail: "ok" }));
const alertExpectation = (within: string, alertname = "TapoCameraMcpDown") => ({
  expectations: [{ name: "alert fires", within, probe: { type: "alert", alertname } }],
});

async function refusedWith(fault: FakeFaultDriver, overrides: Parameters<typeof fakeDeps>[2], loaded = experiment(), inv: LoadedInventory = inventory) {
  const result = await runExperiment({ loaded, inventory: inv, journalDir: dir }, fakeDeps(fault, okProbes, overrides));
  assert.equal(result.verdict, "refused");
  assert.deepEqual(fault.calls, [], "nothing prepared or injected");
  const refused = readJournal(result.journalFile!).events.find((e) => e.type === "preflight-refused");
  assert.ok(refused?.type === "preflight-refused");
  return refused.reasons.join("\n");
}

describe("preflight refuses and injects nothing", () => {
  it("when the target is unreachable", async () => {
    const reasons = await refusedWith(new FakeFaultDriver(), { transports: fakeTransportPool({ reachable: false }) });
    assert.match(reasons, /fault f1: target "hub" is unreachable: `true` exited 255: no route to host/);
  });

  it("when the target has not opted in", async () => {
    const inv = { file: "x", inventory: InventorySchema.parse({ targets: { hub: { transport: { type: "local" } } } }) };
    const reasons = await refusedWith(new FakeFaultDriver(), {}, experiment(), inv);
    assert.match(reasons, /target "hub" has not opted in to chaos/);
  });

  it("when a required tool is missing", async () => {
    const reasons = await refusedWith(new FakeFaultDriver({ tools: ["pkill", "iptables"] }), { transports: fakeTransportPool({ commands: ["pkill"] }) });
    assert.match(reasons, /target "hub" lacks the tool iptables \(needed by custom\)/);
  });

  it("when no rule defines the expected alert", async () => {
    const rules = fakeRules({ rules: [{ name: "CameraOffline", forMs: 0, evaluationIntervalMs: 1000 }] });
    const reasons = await refusedWith(new FakeFaultDriver(), { loadAlertRules: rules, probeDriver: () => okProbes }, experiment(alertExpectation("60s", "NoSuchAlert")));
    assert.match(reasons, /no alerting rule named NoSuchAlert is loaded in Prometheus at http:\/\/prometheus.fake \(loaded: CameraOffline\)/);
  });

  it("when the rule's for: cannot elapse within the expectation", async () => {
    const rules = fakeRules({ rules: [{ name: "TapoCameraMcpDown", forMs: 120_000, evaluationIntervalMs: 30_000 }], scrapeIntervalMs: 30_000 });
    const reasons = await refusedWith(new FakeFaultDriver(), { loadAlertRules: rules, probeDriver: () => okProbes }, experiment(alertExpectation("2m")));
    assert.match(reasons, /cannot be firing within 2m: it needs up to 3m \(for: 2m \+ evaluation interval 30s \+ scrape interval 30s\)/);
  });

  it("accepts an alert whose rule can fire in time", async () => {
    const fault = new FakeFaultDriver();
    const rules = fakeRules({ rules: [{ name: "TapoCameraMcpDown", forMs: 5000, evaluationIntervalMs: 1000 }], scrapeIntervalMs: 1000 });
    // Not firing before injection (alertsAlreadyActive would refuse), firing after.
    let polls = 0;
    const alert = fakeProbeDriver(() => ({ ok: ++polls > 1, detail: polls > 1 ? "firing" : "not active" }));
    const deps = fakeDeps(fault, okProbes, { loadAlertRules: rules, probeDriver: (type) => (type === "alert" ? alert : okProbes) });
    const result = await runExperiment({ loaded: experiment(alertExpectation("10s")), inventory, journalDir: dir }, deps);
    assert.equal(result.verdict, "passed", result.findings.join("\n"));
  });
});

describe("dry run", () => {
  it("prints each fault's commands and changes nothing (no journal, no injection)", async () => {
    const fault = new FakeFaultDriver();
    const result = await dryRunExperiment({ loaded: experiment(), inventory }, fakeDeps(fault, okProbes));
    assert.equal(result.verdict, "dry-run");
    assert.equal(result.journalFile, null);
    assert.deepEqual(fault.calls, ["prepare"]);
    assert.equal(result.faults[0]?.commands[0], `fake-inject sc-${result.runId}-f1`);
    assert.equal(result.faults[0]?.target, "hub");
  });
});
