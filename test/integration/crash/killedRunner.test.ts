import assert from "node:assert/strict";
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { JournalEventOf } from "../../../src/engine/journal/journalEvents";
import { okServer, ourRules, tryConnect } from "../faults-network/fixtures/context";
import { cli, deadManTimers, journalEvents, killHard, modeOf, prepareCrashLab, startRun, tempDir, waitForInjected, writeExperiment, writeInventory } from "./crashLab";

const DURATION_MS = 6000;
const MARGIN_MS = 3000;

/**
 * kill -9 of the CLI in the middle of a run that holds a network blackhole and a storage
 * block over SSH: the target heals itself (dead-man switch), or `halt` heals it at once.
 */
describe("the runner killed with SIGKILL mid-run", { timeout: 120_000 }, () => {
  let srv: Awaited<ReturnType<typeof okServer>>;
  const dirs: string[] = [];
  before(async () => {
    await prepareCrashLab();
    srv = await okServer();
  });
  after(() => {
    srv.server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  function setup() {
    const dir = tempDir("sc-crash-");
    dirs.push(dir);
    const victim = join(dir, "recordings");
    mkdirSync(victim);
    chmodSync(victim, 0o2751);
    const inventory = writeInventory(dir, { margin: `${MARGIN_MS / 1000}s` });
    const experiment = writeExperiment(dir, [
      { id: "blackhole", type: "network-blackhole", target: "hub-ssh", duration: `${DURATION_MS / 1000}s`, params: { host: "127.0.0.1", port: srv.port, action: "reject" } },
      { id: "block", type: "storage-block", target: "hub-ssh", duration: `${DURATION_MS / 1000}s`, params: { path: victim } },
    ]);
    const journalDir = join(dir, "runs");
    return { dir, victim, inventory, experiment, journalDir, common: ["--inventory", inventory, "--journal-dir", journalDir] };
  }

  async function killMidRun(s: ReturnType<typeof setup>) {
    const child = startRun([s.experiment, ...s.common]);
    const events = await waitForInjected(s.journalDir, 2, child);
    assert.equal(await tryConnect(srv.port), "ECONNREFUSED", "the blackhole is in place");
    assert.equal(modeOf(s.victim), 0o2000, "the directory is blocked (set-gid kept, permissions gone)");
    await killHard(child);
    const killedAt = Date.now();
    const planned = events.filter((e): e is JournalEventOf<"fault-planned"> => e.type === "fault-planned");
    assert.ok(planned.every((p) => p.deadManAt !== null), "every fault journaled with its dead-man time");
    return { killedAt, runId: planned[0]!.runId, deadManAt: Math.max(...planned.map((p) => p.deadManAt!)), injectedAt: Math.min(...events.filter((e) => e.type === "fault-injected").map((e) => e.at)) };
  }

  const healed = (s: ReturnType<typeof setup>) => async () => (await tryConnect(srv.port)) === "ok" && ourRules() === "" && modeOf(s.victim) === 0o2751;

  it("the target reverts both faults by itself within duration + margin", async () => {
    const s = setup();
    const k = await killMidRun(s);
    let healedAt = 0;
    while (Date.now() < k.deadManAt + 5000) {
      if (await healed(s)()) {
        healedAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(healedAt > 0, "the target never healed itself");
    console.log(`# SIGKILL → healed by the dead-man switch: ${healedAt - k.killedAt} ms (injection → healed ${healedAt - k.injectedAt} ms; duration + margin ${DURATION_MS + MARGIN_MS} ms)`);
    // Whole seconds on the target, plus one poll: never later than a second past duration + margin.
    assert.ok(healedAt - k.injectedAt <= DURATION_MS + MARGIN_MS + 1500, `healed ${healedAt - k.injectedAt} ms after injection`);
    assert.equal(deadManTimers(k.runId), "", "the timers ended");

    // The next CLI start recognises what the dead-man switch did and closes the journal.
    const status = await cli(["status", "--json", ...s.common]);
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(JSON.parse(status.stdout), []);
    assert.match(status.stderr, /already reverted by its dead-man switch/);
    const by = journalEvents(s.journalDir).flatMap((e) => (e.type === "fault-reverted" ? [[e.faultId, e.by, e.verified]] : []));
    assert.deepEqual(by.sort(), [["blackhole", "dead-man", true], ["block", "dead-man", true]]);
  });

  it("`halt` right after the kill reverts everything at once, disarms the timers, and status is empty", async () => {
    const s = setup();
    const k = await killMidRun(s);
    const halt = await cli(["halt", ...s.common]);
    const haltedAt = Date.now();
    assert.equal(halt.code, 0, `${halt.stdout}\n${halt.stderr}`);
    assert.ok(await healed(s)(), "halt left something in place");
    assert.ok(haltedAt < k.deadManAt, "halt finished before the dead-man switch was due");
    assert.equal(deadManTimers(k.runId), "", "halt disarmed the timers");
    const inner = /halt: 2\/2 reverted and verified in (\d+) ms/.exec(halt.stderr);
    assert.ok(inner, halt.stderr);
    console.log(`# halt after SIGKILL: 2 faults reverted and verified in ${inner[1]} ms (whole CLI process ${halt.ms.toFixed(0)} ms)`);
    const by = journalEvents(s.journalDir).flatMap((e) => (e.type === "fault-reverted" ? [[e.faultId, e.by, e.verified]] : []));
    assert.deepEqual(by.sort(), [["blackhole", "halt", true], ["block", "halt", true]]);

    const status = await cli(["status", "--json", ...s.common]);
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(JSON.parse(status.stdout), []);
    // Past the (disarmed) switch's time nothing changes: the directory keeps its mode, the port answers.
    await new Promise((r) => setTimeout(r, Math.max(0, k.deadManAt - Date.now()) + 500));
    assert.ok(await healed(s)());
  });
});
