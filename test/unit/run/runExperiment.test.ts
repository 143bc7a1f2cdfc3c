import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { listActiveFaults, readJournal } from "../../../src/engine/journal/journalReader";
import { runExperiment } from "../../../src/engine/run/runExperiment";
import type { RunResult } from "../../../src/engine/run/RunResult";
import { experiment, fakeDeps, FakeFaultDriver, fakeProbeDriver, http, inventory } from "./fakes";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function journalDir(): string {
  const d = mkdtempSync(join(tmpdir(), "sc-run-"));
  dirs.push(d);
  return d;
}

/** Probes: steady always ok, detect ok after `detectAfterMs` since the first call, others as given. */
function probes(answers: Record<string, (n: number) => boolean> = {}) {
  const counts = new Map<string, number>();
  return fakeProbeDriver((url) => {
    const n = (counts.get(url) ?? 0) + 1;
    counts.set(url, n);
    const fn = answers[url] ?? (() => true);
    const ok = fn(n);
    return { ok, detail: `${url} #${n} ${ok ? "ok" : "not ok"}` };
  });
}

function reverts(result: RunResult) {
  return result.timeline.filter((e) => e.type === "fault-reverted");
}

describe("runExperiment: revert on every path", () => {
  it("success: passes, reverts once (journaled, verified) and measures detect and recover", async () => {
    const fault = new FakeFaultDriver();
    const dir = journalDir();
    const result = await runExperiment({ loaded: experiment(), inventory, journalDir: dir }, fakeDeps(fault, probes({ detect: (n) => n >= 3 })));
    assert.equal(result.verdict, "passed", result.findings.join("\n"));
    assert.equal(fault.revertCount, 1);
    assert.deepEqual(reverts(result).map((e) => e.type === "fault-reverted" && [e.by, e.verified]), [["runner", true]]);
    assert.ok(result.timings.detectMs !== null && result.timings.detectMs >= 15, `detect ${result.timings.detectMs}`);
    assert.ok(result.timings.recoverMs !== null);
    assert.equal(result.revertFailed, false);
    const journal = readJournal(result.journalFile!);
    assert.deepEqual(journal.badLines, []);
    const types = journal.events.map((e) => e.type);
    assert.ok(types.indexOf("fault-planned") < types.indexOf("fault-injected"), "planned is journaled before injection");
    assert.equal(types.at(-1), "run-finished");
    assert.deepEqual(listActiveFaults(dir), []);
    assert.ok(!readdirSync(dir).some((f) => f.endsWith(".lock")), "the lock is released");
  });

  it("failed expectation: verdict failed, reverted once, the finding names the expectation", async () => {
    const fault = new FakeFaultDriver();
    const loaded = experiment({ expectations: [{ name: "never", within: "50ms", probe: http("never") }] });
    const result = await runExperiment({ loaded, inventory, journalDir: journalDir() }, fakeDeps(fault, probes({ never: () => false })));
    assert.equal(result.verdict, "failed");
    assert.equal(fault.revertCount, 1);
    assert.equal(reverts(result).length, 1);
    assert.match(result.findings.join("\n"), /expectation "never" was not met: not met within 50ms/);
  });

  it("guard tripped: aborts at once, reverts once, journals the trip", async () => {
    const fault = new FakeFaultDriver();
    const loaded = experiment({
      expectations: [{ name: "slow", within: "10s", probe: http("never") }],
      guards: [{ name: "prometheus answers", failures: 2, probe: http("guard") }],
    });
    const started = Date.now();
    const result = await runExperiment({ loaded, inventory, journalDir: journalDir() }, fakeDeps(fault, probes({ never: () => false, guard: () => false })));
    assert.equal(result.verdict, "aborted");
    assert.ok(Date.now() - started < 5000, "the guard cut the 10 s observation short");
    assert.equal(fault.revertCount, 1);
    assert.equal(reverts(result).length, 1);
    assert.ok(result.timeline.some((e) => e.type === "guard-tripped" && e.name === "prometheus answers"));
  });

  it("error while injecting: verdict error, the planned fault is still reverted once", async () => {
    const fault = new FakeFaultDriver({ injectThrows: "connection reset" });
    const result = await runExperiment({ loaded: experiment(), inventory, journalDir: journalDir() }, fakeDeps(fault, probes()));
    assert.equal(result.verdict, "error");
    assert.equal(fault.revertCount, 1);
    assert.equal(reverts(result).length, 1);
    assert.match(result.findings.join("\n"), /connection reset/);
  });

  it("error from a probe driver that throws is a failed sample, not a crash", async () => {
    const fault = new FakeFaultDriver();
    const throwing = fakeProbeDriver((url) => {
      if (url === "detect") throw new Error("socket hang up");
      return { ok: true, detail: "ok" };
    });
    const loaded = experiment({ expectations: [{ name: "detected", within: "40ms", probe: http("detect") }] });
    const result = await runExperiment({ loaded, inventory, journalDir: journalDir() }, fakeDeps(fault, throwing));
    assert.equal(result.verdict, "failed");
    assert.equal(fault.revertCount, 1);
    assert.match(result.findings.join("\n"), /probe error: socket hang up/);
  });

  it("cancel (AbortSignal) mid-observation: verdict aborted, reverted once", async () => {
    const fault = new FakeFaultDriver();
    const controller = new AbortController();
    const loaded = experiment({ expectations: [{ name: "slow", within: "10s", probe: http("never") }] });
    setTimeout(() => controller.abort(), 80);
    const result = await runExperiment({ loaded, inventory, journalDir: journalDir(), signal: controller.signal }, fakeDeps(fault, probes({ never: () => false })));
    assert.equal(result.verdict, "aborted");
    assert.equal(fault.revertCount, 1);
    assert.equal(reverts(result).length, 1);
    assert.ok(!result.timeline.some((e) => e.type === "phase" && e.phase === "recover"), "no recovery wait after a cancel");
  });

  it("a revert that fails is journaled unverified and flagged", async () => {
    const fault = new FakeFaultDriver({ revertThrows: "iptables: resource busy" });
    const dir = journalDir();
    const result = await runExperiment({ loaded: experiment(), inventory, journalDir: dir }, fakeDeps(fault, probes()));
    assert.equal(result.revertFailed, true);
    assert.equal(result.verdict, "failed");
    assert.equal(fault.revertCount, 1);
    const reverted = reverts(result)[0];
    assert.ok(reverted?.type === "fault-reverted" && !reverted.verified && reverted.error === "iptables: resource busy");
    assert.equal(listActiveFaults(dir).length, 1, "the fault stays active in the journal");
  });

  it("a fault that cannot be reverted (a kill) is journaled by not-needed; recovery counts from injection", async () => {
    const fault = new FakeFaultDriver({ reversible: false });
    const result = await runExperiment({ loaded: experiment(), inventory, journalDir: journalDir() }, fakeDeps(fault, probes()));
    assert.equal(result.verdict, "passed", result.findings.join("\n"));
    assert.equal(fault.revertCount, 0);
    assert.deepEqual(reverts(result).map((e) => e.type === "fault-reverted" && e.by), ["not-needed"]);
    assert.equal(result.faults[0]?.revert, "not-needed");
  });

  it("a fault with a duration is reverted when it elapses, before observation ends", async () => {
    const fault = new FakeFaultDriver();
    const loaded = experiment({
      faults: [{ id: "f1", type: "custom", target: "hub", duration: "50ms", params: { inject: ["x"], revert: ["y"], confirm: true } }],
      expectations: [{ name: "holds", mode: "throughout", within: "150ms", probe: http("ok") }],
    });
    const result = await runExperiment({ loaded, inventory, journalDir: journalDir() }, fakeDeps(fault, probes()));
    assert.equal(result.verdict, "passed", result.findings.join("\n"));
    assert.equal(fault.revertCount, 1);
    const revertAt = reverts(result)[0]!.at;
    const observeEnd = result.timeline.find((e) => e.type === "phase" && e.phase === "revert")!.at;
    assert.ok(revertAt < observeEnd, "reverted during observation");
    assert.ok(revertAt - result.faults[0]!.injectedAt! >= 50);
  });

  it("steady state broken before: nothing is injected, verdict failed", async () => {
    const fault = new FakeFaultDriver();
    const loaded = experiment({ steadyState: [{ name: "healthy", tolerance: "30ms", probe: http("steady") }] });
    const result = await runExperiment({ loaded, inventory, journalDir: journalDir() }, fakeDeps(fault, probes({ steady: () => false })));
    assert.equal(result.verdict, "failed");
    assert.deepEqual(fault.calls, []);
    assert.match(result.findings.join("\n"), /steady state "healthy" did not hold for 30ms before injection/);
  });

  it("steady state not back within the recovery budget: verdict failed", async () => {
    const fault = new FakeFaultDriver();
    let injected = false;
    const driver = fakeProbeDriver((url) => {
      if (url === "detect") injected = true;
      return { ok: url !== "steady" || !injected, detail: url };
    });
    const result = await runExperiment({ loaded: experiment(), inventory, journalDir: journalDir() }, fakeDeps(fault, driver));
    assert.equal(result.verdict, "failed");
    assert.equal(result.timings.recoverMs, null);
    assert.match(result.findings.join("\n"), /not back within the recovery budget/);
    assert.ok(existsSync(result.journalFile!));
  });
});
