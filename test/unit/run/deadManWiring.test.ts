import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { JournalEventOf } from "../../../src/engine/journal/journalEvents";
import { listActiveFaults, readJournal } from "../../../src/engine/journal/journalReader";
import { journalFile } from "../../../src/engine/journal/journalPaths";
import { JournalWriter } from "../../../src/engine/journal/JournalWriter";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import { faultSafety, protectedEndpoints } from "../../../src/engine/run/faultSafety";
import { revertActiveFaults } from "../../../src/engine/run/revertActiveFaults";
import { runExperiment } from "../../../src/engine/run/runExperiment";
import { experiment, fakeDeps, FakeFaultDriver, fakeProbeDriver, fakeTransportPool, inventory } from "./fakes";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function journalDir(): string {
  const d = mkdtempSync(join(tmpdir(), "sc-deadman-"));
  dirs.push(d);
  return d;
}

const ok = () => fakeProbeDriver(() => ({ ok: true, detail: "ok" }));
const isArm = (argv: readonly string[]) => argv[0] === "sh" && (argv[2] ?? "").includes("setsid");
const isDisarm = (argv: readonly string[]) => argv[0] === "sh" && (argv[2] ?? "").includes("pkill");
const withMargin = (margin: string) => ({ ...inventory, inventory: InventorySchema.parse({ ...inventory.inventory, safety: { deadManMargin: margin } }) });

describe("dead-man switch wiring in the runner", () => {
  it("journals deadManAt = duration + margin, arms before injecting, disarms after the verified revert", async () => {
    const execs: string[][] = [];
    const fault = new FakeFaultDriver({ revertArgv: [["fake-revert", "x"]] });
    const loaded = experiment({ faults: [{ id: "f1", type: "custom", target: "hub", duration: "2s", params: { inject: ["x"], revert: ["y"], confirm: true } }], observe: { interval: "10ms", window: "50ms" } });
    const before = Date.now();
    const result = await runExperiment({ loaded, inventory: withMargin("3s"), journalDir: journalDir() }, fakeDeps(fault, ok(), { transports: fakeTransportPool({ execs }) }));
    const planned = result.timeline.find((e): e is JournalEventOf<"fault-planned"> => e.type === "fault-planned")!;
    assert.ok(planned.deadManAt !== null && planned.deadManAt >= before + 5000 && planned.deadManAt <= Date.now() + 5000, `deadManAt ${planned.deadManAt}`);
    const arm = execs.findIndex(isArm);
    assert.ok(arm >= 0, "armed");
    assert.match(execs[arm]![2]!, /sleep 5; /, "duration 2s + margin 3s");
    assert.match(execs[arm]![2]!, /fake-revert/);
    assert.ok(execs.findIndex(isDisarm) > arm, "disarmed after the revert");
    assert.deepEqual(fault.calls, ["prepare", "inject", "revert", "verifyReverted"]);
    assert.equal(result.verdict, "passed", result.findings.join("\n"));
  });

  it("a fault with duration 0 gets the observation window + margin", async () => {
    const execs: string[][] = [];
    const fault = new FakeFaultDriver({ revertArgv: [["fake-revert"]] });
    const loaded = experiment({ observe: { interval: "10ms", window: "4s" }, expectations: [] });
    await runExperiment({ loaded, inventory: withMargin("1500ms"), journalDir: journalDir() }, fakeDeps(fault, ok(), { transports: fakeTransportPool({ execs }), clock: fastClock() }));
    assert.match(execs.find(isArm)![2]!, /sleep 6; /, "4 s + 1.5 s, rounded up to whole seconds");
  });

  it("an unverified revert leaves the dead-man switch armed (it stays the backstop)", async () => {
    const execs: string[][] = [];
    const fault = new FakeFaultDriver({ revertArgv: [["fake-revert"]], verifyReverted: false });
    const result = await runExperiment({ loaded: experiment(), inventory, journalDir: journalDir() }, fakeDeps(fault, ok(), { transports: fakeTransportPool({ execs }) }));
    assert.ok(execs.some(isArm));
    assert.ok(!execs.some(isDisarm));
    assert.equal(result.revertFailed, true);
  });

  it("no revert argv, no switch: deadManAt is null and nothing is armed", async () => {
    const execs: string[][] = [];
    const result = await runExperiment({ loaded: experiment(), inventory, journalDir: journalDir() }, fakeDeps(new FakeFaultDriver(), ok(), { transports: fakeTransportPool({ execs }) }));
    const planned = result.timeline.find((e): e is JournalEventOf<"fault-planned"> => e.type === "fault-planned")!;
    assert.equal(planned.deadManAt, null);
    assert.ok(!execs.some(isArm));
  });

  it("when arming fails the fault is not injected, the journal says why, and the planned fault is closed", async () => {
    const fault = new FakeFaultDriver({ revertArgv: [["fake-revert"]] });
    const dir = journalDir();
    const result = await runExperiment({ loaded: experiment(), inventory, journalDir: dir }, fakeDeps(fault, ok(), { transports: fakeTransportPool({ failExec: isArm }) }));
    assert.equal(fault.calls.includes("inject"), false);
    assert.equal(result.verdict, "error");
    assert.ok(result.timeline.some((e) => e.type === "note" && e.level === "error" && /f1: not injected: the dead-man switch could not be armed \(could not arm .*setsid: not found\)/.test(e.message)));
    assert.deepEqual(listActiveFaults(dir), []);
  });
});

describe("the one revert path (sweep, halt, extension)", () => {
  function deadRun(dir: string, deadManAt: number | null, faults = 1) {
    const runId = `T-01-dead-${Math.random().toString(16).slice(2, 6)}`;
    const j = JournalWriter.open(journalFile(dir, runId), runId);
    j.write({ type: "run-started", experimentId: "T-01", title: "t", component: "test", file: "-", inventoryFile: "-", host: "h", pid: 1, dryRun: false, variables: {} });
    for (let i = 1; i <= faults; i++) {
      j.write({
        type: "fault-planned",
        faultId: `f${i}`,
        faultType: "custom",
        target: "hub",
        transport: { type: "local" },
        summary: "fake",
        commands: [],
        revertCommands: [],
        revert: { type: "custom" },
        reversible: true,
        deadManAt,
      });
      j.write({ type: "fault-injected", faultId: `f${i}`, verified: true });
    }
    j.close();
    return runId;
  }
  const deps = (fault: FakeFaultDriver, execs: string[][], now = Date.now) => ({
    faultDriver: () => fault.driver,
    createTransports: () => fakeTransportPool({ execs }),
    log: () => undefined,
    now,
  });

  it("reverts, verifies, disarms, and journals by: halt; every fault in parallel", async () => {
    const dir = journalDir();
    deadRun(dir, Date.now() + 60_000, 3);
    const fault = new FakeFaultDriver();
    const execs: string[][] = [];
    const reports = await revertActiveFaults(listActiveFaults(dir), "halt", deps(fault, execs));
    assert.deepEqual(reports.map((r) => [r.verified, r.by]), [[true, "halt"], [true, "halt"], [true, "halt"]]);
    assert.equal(fault.revertCount, 3);
    assert.equal(execs.filter(isDisarm).length, 3);
    assert.deepEqual(listActiveFaults(dir), []);
    const byLines = readJournal(listActiveFaultsFile(dir)).events.filter((e) => e.type === "fault-reverted");
    assert.deepEqual(byLines.map((e) => e.type === "fault-reverted" && e.by), ["halt", "halt", "halt"]);
  });

  it("recognises a fault its dead-man switch already reverted: journaled by: dead-man, not reverted again", async () => {
    const dir = journalDir();
    deadRun(dir, Date.now() - 1000);
    const fault = new FakeFaultDriver();
    const reports = await revertActiveFaults(listActiveFaults(dir), "sweep", deps(fault, []));
    assert.deepEqual(reports.map((r) => [r.verified, r.by]), [[true, "dead-man"]]);
    assert.equal(fault.revertCount, 0);
    assert.deepEqual(listActiveFaults(dir), []);
  });

  it("past deadManAt but still in place (the switch did not run): reverted by the sweep", async () => {
    const dir = journalDir();
    deadRun(dir, Date.now() - 1000);
    let verifications = 0;
    const fault = new FakeFaultDriver();
    fault.driver.verifyReverted = async () => ++verifications > 1;
    const reports = await revertActiveFaults(listActiveFaults(dir), "sweep", deps(fault, []));
    assert.deepEqual(reports.map((r) => [r.verified, r.by]), [[true, "sweep"]]);
    assert.equal(fault.revertCount, 1);
  });

  it("an unverified revert stays active, keeps its switch armed and reports the error", async () => {
    const dir = journalDir();
    deadRun(dir, Date.now() + 60_000);
    const execs: string[][] = [];
    const reports = await revertActiveFaults(listActiveFaults(dir), "halt", deps(new FakeFaultDriver({ verifyReverted: false }), execs));
    assert.deepEqual(reports.map((r) => [r.verified, r.by, r.error]), [[false, "halt", "the revert ran but the fault is still in place"]]);
    assert.ok(!execs.some(isDisarm));
    assert.equal(listActiveFaults(dir)[0]?.lastError, "the revert ran but the fault is still in place");
  });
});

describe("fault safety from the inventory", () => {
  it("protects the Prometheus and Alertmanager services' host:port and parses the margin as a duration", () => {
    const inv = InventorySchema.parse({
      services: {
        prometheus: { url: "http://127.0.0.1:9090" },
        am: { url: "https://alerts.home.lan/", kind: "alertmanager" },
        dashboard: { url: "http://127.0.0.1:7777", kind: "dashboard" },
      },
      safety: { deadManMargin: "1m30s" },
    });
    assert.deepEqual(protectedEndpoints(inv), [
      { host: "127.0.0.1", port: 9090 },
      { host: "alerts.home.lan", port: 443 },
    ]);
    assert.equal(faultSafety(experiment().experiment, inv).deadManMarginMs, 90_000);
    assert.equal(faultSafety(experiment().experiment, InventorySchema.parse({})).deadManMarginMs, 60_000);
  });

  it("refuses a margin that is not a duration when the inventory is parsed", () => {
    assert.equal(InventorySchema.safeParse({ safety: { deadManMargin: "soon" } }).success, false);
  });
});

function listActiveFaultsFile(dir: string): string {
  return join(dir, readdirSync(dir).find((n) => n.endsWith(".jsonl"))!);
}

/** A clock whose sleeps return at once, so a 4 s observation window passes in no time. */
function fastClock() {
  let t = Date.now();
  return { now: () => t, sleep: async (ms: number) => void (t += Math.max(ms, 1)) };
}
