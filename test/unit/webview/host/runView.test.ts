import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { JournalEvent } from "../../../../src/engine/journal/journalEvents";
import { LiveRunView, reduceJournal, reduceRunView } from "../../../../src/extension/dashboard/runView";
import { RunViewSchema, type RunView } from "../../../../src/shared/webviewProtocol";

const T = 1_762_941_600_000;
const base = { runId: "run-1" };
const events: JournalEvent[] = [
  { ...base, at: T, type: "run-started", experimentId: "CT-02", title: "Cut a camera", component: "camera-streams", file: "/ws/ct-02.chaos.yaml", inventoryFile: "/ws/targets.yaml", host: "h", pid: 1, dryRun: false, variables: { apiKey: "not-for-the-page" } },
  { ...base, at: T + 1, type: "phase", phase: "inject" },
  {
    ...base,
    at: T + 2,
    type: "fault-planned",
    faultId: "cut",
    faultType: "network-partition",
    target: "hub",
    transport: { type: "ssh", host: "127.0.0.1", port: 2222, user: "chaos", agent: false, sudo: true },
    summary: "drop 127.0.10.164",
    commands: ["nft add rule … secret-looking-command"],
    revertCommands: ["nft delete …"],
    revert: { handle: 7 },
    reversible: true,
    deadManAt: T + 300_000,
  },
  { ...base, at: T + 1000, type: "fault-injected", faultId: "cut", verified: true },
  { ...base, at: T + 15_000, type: "expectation", name: "seen offline", measures: "detect", met: true, metAt: T + 14_000, detail: "offline" },
  { ...base, at: T + 60_000, type: "fault-reverted", faultId: "cut", verified: true, by: "runner" },
  { ...base, at: T + 90_000, type: "run-finished", verdict: "passed", timings: { detectMs: 13_000, notifyMs: null, recoverMs: 20_000 }, findings: [], durationMs: 90_000 },
];

const fold = (list: readonly JournalEvent[]) => list.reduce<RunView | null>((v, e) => reduceJournal(v, e), null);

describe("run view", () => {
  it("folds a run's journal into phases, faults, window and verdict", () => {
    const view = fold(events)!;
    assert.ok(RunViewSchema.safeParse(view).success, "what the page receives is valid");
    assert.deepEqual(view.phases, [{ phase: "inject", at: T + 1 }]);
    assert.equal(view.faults[0]!.state, "reverted");
    assert.deepEqual(view.window, { injectedAt: T + 1000, revertedAt: T + 60_000, detectAt: T + 14_000, recoverAt: T + 80_000 });
    assert.equal(view.verdict!.verdict, "passed");
  });

  it("never carries commands, transports or variables to the page", () => {
    const text = JSON.stringify(fold(events));
    assert.doesNotMatch(text, /secret-looking-command|not-for-the-page|2222|nft delete/);
  });

  it("keeps the window open while a fault is active and marks a failed revert", () => {
    const active = fold(events.slice(0, 4))!;
    assert.equal(active.faults[0]!.state, "injected");
    assert.equal(active.window.revertedAt, null);
    const failed = reduceJournal(active, { ...base, at: T + 5000, type: "fault-reverted", faultId: "cut", verified: false, by: "runner", error: "ssh: connection refused" })!;
    assert.equal(failed.faults[0]!.state, "revert-failed");
    assert.equal(failed.faults[0]!.detail, "ssh: connection refused");
  });

  it("ignores events of another run and updates expectation details from live samples", () => {
    const view = fold(events.slice(0, 5))!;
    assert.equal(reduceJournal(view, { runId: "other", at: T, type: "phase", phase: "verdict" }), view);
    const sampled = reduceRunView(view, { kind: "sample", sample: { at: T + 16_000, role: "expectation", name: "seen offline", result: { ok: true, detail: "still offline" } } })!;
    assert.equal(sampled.expectations[0]!.detail, "still offline");
    assert.equal(reduceRunView(sampled, { kind: "sample", sample: { at: T, role: "guard", name: "g", result: { ok: true, detail: "x" } } }), sampled);
  });

  it("holds a run's events that overtake its run-started, then folds them in order", () => {
    const live = new LiveRunView();
    const [started, ...rest] = events;
    // The opener awaits the panel before handing over run-started; the first phases come first.
    assert.equal(live.apply({ kind: "journal", event: rest[0]! }), null);
    assert.equal(live.apply({ kind: "journal", event: rest[1]! }), null);
    const view = live.apply({ kind: "journal", event: started! })!;
    assert.deepEqual(view.phases, [{ phase: "inject", at: T + 1 }]);
    assert.deepEqual(view.faults.map((f) => f.faultId), ["cut"]);
    for (const e of rest.slice(2)) live.apply({ kind: "journal", event: e });
    assert.deepEqual(live.view, fold(events));
  });

  it("drops held events of an older run when another run starts", () => {
    const live = new LiveRunView();
    live.apply({ kind: "journal", event: { ...events[1]!, runId: "run-0" } as JournalEvent });
    const view = live.apply({ kind: "journal", event: events[0]! })!;
    assert.deepEqual(view.phases, []);
  });
});
