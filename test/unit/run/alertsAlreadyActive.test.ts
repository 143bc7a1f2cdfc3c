import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { AnyProbeDriver } from "../../../src/engine/probes/ProbeDriver";
import type { ProbeType } from "../../../src/engine/model/probeSchemas";
import { runExperiment } from "../../../src/engine/run/runExperiment";
import { experiment, fakeDeps, FakeFaultDriver, fakeProbeDriver, fakeRules, http, inventory } from "./fakes";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function journalDir(): string {
  const d = mkdtempSync(join(tmpdir(), "sc-alert-"));
  dirs.push(d);
  return d;
}

/** An alert probe whose answer is "firing" as `firing(n)` says for its n-th evaluation. */
function alertProbe(firing: (n: number) => boolean): AnyProbeDriver & { evaluations: number } {
  const driver = {
    type: "alert",
    evaluations: 0,
    evaluate: async () => {
      driver.evaluations += 1;
      const on = firing(driver.evaluations);
      return { ok: on, detail: `CameraOffline is ${on ? "firing" : "not active"} in Alertmanager` };
    },
    describe: () => "alert CameraOffline firing",
  };
  return driver as unknown as AnyProbeDriver & { evaluations: number };
}

function depsWith(fault: FakeFaultDriver, alert: AnyProbeDriver) {
  const steady = fakeProbeDriver(() => ({ ok: true, detail: "ok" }));
  return fakeDeps(fault, steady, {
    probeDriver: (type: ProbeType) => (type === "alert" ? alert : steady),
    loadAlertRules: fakeRules({ rules: [{ name: "CameraOffline", forMs: 0, evaluationIntervalMs: 10 }], scrapeIntervalMs: 10 }),
  });
}

const withAlert = () =>
  experiment({
    steadyState: [{ name: "healthy", probe: http("steady") }],
    expectations: [{ name: "camera offline alert", measures: "detect", within: "300ms", probe: { type: "alert", alertname: "CameraOffline" } }],
  });

describe("an expected alert already firing before injection", () => {
  it("refuses to inject: the steady state does not hold, and the finding says why", async () => {
    const fault = new FakeFaultDriver();
    const result = await runExperiment({ loaded: withAlert(), inventory, journalDir: journalDir() }, depsWith(fault, alertProbe(() => true)));
    assert.equal(result.verdict, "failed");
    assert.deepEqual(fault.calls, [], "nothing prepared, injected or reverted");
    assert.ok(
      result.findings.includes("alert CameraOffline is already firing before injection: time to detect would be meaningless (wait for it to resolve or silence it)"),
      result.findings.join("\n"),
    );
    assert.equal(result.timings.detectMs, null);
    assert.ok(!result.timeline.some((e) => e.type === "fault-planned"));
  });

  it("goes ahead when the alert is not firing yet, and measures detection from injection", async () => {
    const fault = new FakeFaultDriver();
    const alert = alertProbe((n) => n >= 3);
    const result = await runExperiment({ loaded: withAlert(), inventory, journalDir: journalDir() }, depsWith(fault, alert));
    assert.equal(result.verdict, "passed", result.findings.join("\n"));
    assert.deepEqual(fault.calls.filter((c) => c === "inject"), ["inject"]);
    assert.ok(result.timings.detectMs !== null);
  });

  it("only firing expectations count: an expected resolution (state inactive) that already holds is no reason to refuse", async () => {
    const fault = new FakeFaultDriver();
    const loaded = experiment({ expectations: [{ name: "resolved", within: "300ms", probe: { type: "alert", alertname: "CameraOffline", state: "inactive" } }] });
    const result = await runExperiment({ loaded, inventory, journalDir: journalDir() }, depsWith(fault, alertProbe(() => true)));
    assert.equal(result.verdict, "passed", result.findings.join("\n"));
    assert.ok(fault.calls.includes("inject"));
  });
});
