import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { journalFile, lockFile, newRunId } from "../../../src/engine/journal/journalPaths";
import { listActiveFaults, listRuns, readJournal } from "../../../src/engine/journal/journalReader";
import { JournalWriter, type JournalInput } from "../../../src/engine/journal/JournalWriter";
import { acquireRunLock, isRunLive } from "../../../src/engine/journal/runLock";

const dir = mkdtempSync(join(tmpdir(), "sc-journal-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function startRun(id: string, pid = process.pid): JournalWriter {
  const runId = newRunId(id);
  const w = JournalWriter.open(journalFile(dir, runId), runId);
  w.write({ type: "run-started", experimentId: id, title: id, component: "c", file: "f", inventoryFile: "i", host: "h", pid, dryRun: false, variables: {} });
  return w;
}

const planned = (faultId: string, reversible = true) =>
  ({
    type: "fault-planned",
    faultId,
    faultType: "network-blackhole",
    target: "hub",
    transport: { type: "local" },
    summary: "drop",
    commands: ["nft add rule"],
    revertCommands: ["nft delete rule"],
    revert: { type: "network-blackhole", handle: 7 },
    reversible,
    deadManAt: null,
  }) satisfies JournalInput;

describe("journal", () => {
  it("writes one parsed line per event and derives active faults", () => {
    const w = startRun("J-01");
    w.write(planned("a"));
    w.write({ type: "fault-injected", faultId: "a", verified: true });
    w.write(planned("b"));
    w.write({ type: "fault-reverted", faultId: "a", verified: false, by: "runner", error: "busy" });
    w.close();
    const contents = readJournal(w.file);
    assert.equal(contents.events.length, 5);
    assert.ok(contents.events.every((e) => e.runId === w.runId && typeof e.at === "number"));
    const active = listActiveFaults(dir).filter((f) => f.runId === w.runId);
    assert.deepEqual(
      active.map((f) => [f.planned.faultId, f.injected, f.lastError]),
      [
        ["a", true, "busy"],
        ["b", false, undefined],
      ],
    );
    const again = JournalWriter.append(w.file, w.runId);
    again.write({ type: "fault-reverted", faultId: "a", verified: true, by: "halt" });
    again.write({ type: "fault-reverted", faultId: "b", verified: true, by: "halt" });
    again.close();
    assert.deepEqual(listActiveFaults(dir).filter((f) => f.runId === w.runId), []);
  });

  it("refuses to write a line that does not match the schema", () => {
    const w = startRun("J-02");
    assert.throws(() => w.write({ type: "phase", phase: "dance" } as never));
    w.close();
  });

  it("reports torn or foreign lines instead of failing", () => {
    const w = startRun("J-03");
    w.close();
    appendFileSync(w.file, '{"type":"phase","at":1,"runId":"x","phase":"obs');
    const contents = readJournal(w.file);
    assert.equal(contents.events.length, 1);
    assert.deepEqual(contents.badLines, [2]);
  });

  it("tells a live run from a dead one by its lock", () => {
    const live = startRun("J-04");
    const release = acquireRunLock(dir, live.runId);
    live.close();
    assert.equal(isRunLive(dir, live.runId), true);
    assert.equal(listRuns(dir).find((r) => r.runId === live.runId)?.live, true);
    release();
    assert.equal(isRunLive(dir, live.runId), false);

    const dead = startRun("J-05", 999_999);
    dead.close();
    // A lock left behind by a process that no longer exists.
    writeFileSync(lockFile(dir, dead.runId), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), startedAt: 0 }));
    assert.equal(isRunLive(dir, dead.runId), false);
  });

  it("makes sortable, unique run ids", () => {
    const a = newRunId("CT-01", Date.UTC(2025, 0, 2, 3, 4, 5));
    assert.match(a, /^CT-01-20250102T030405Z-[0-9a-f]{4}$/);
    assert.notEqual(newRunId("CT-01", 0), newRunId("CT-01", 0));
  });
});
