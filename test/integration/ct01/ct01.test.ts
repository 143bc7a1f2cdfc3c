import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { readJournal } from "../../../src/engine/journal/journalReader";
import { labUp } from "../../../lab/labApi";

/**
 * CT-01 for real: the CLI (as a user runs it) kills the lab dashboard, and the real
 * Prometheus, Alertmanager, webhook sink and supervisor must do what the plan expects.
 */
const dir = mkdtempSync(join(tmpdir(), "sc-ct01-"));
const journalDir = join(dir, "runs");
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/surveillance-chaos.js", ...args, "--journal-dir", journalDir], { encoding: "utf8", timeout: 5 * 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function dashboardPid(): number {
  const ps = spawnSync("pgrep", ["-f", "tapo_camera_mcp.web"], { encoding: "utf8" });
  const pids = ps.stdout.trim().split("\n").filter(Boolean).map(Number);
  assert.equal(pids.length, 1, `one dashboard process expected, found: ${ps.stdout}`);
  return pids[0]!;
}

describe("CT-01 kill the dashboard, end to end", { timeout: 8 * 60_000 }, () => {
  before(async () => {
    await labUp({ only: ["prometheus", "alertmanager", "sinks", "supervisor", "pushgateway", "loki-standin"], log: () => undefined });
  });

  it("passes: the kill, the alert firing and delivered, the restart and the timings are journaled", () => {
    const junit = join(dir, "ct01.xml");
    const r = cli("run", "experiments/ct-01-kill-dashboard.chaos.yaml", "--junit", junit);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);

    const xml = readFileSync(junit, "utf8");
    assert.match(xml, /<testsuite name="surveillance-chaos" tests="1" failures="0" errors="0"/);
    assert.match(xml, /<testcase [^>]*name="CT-01: Kill the tapo-camera-mcp dashboard process"/);
    assert.doesNotMatch(xml, /<failure/);

    const journal = readJournal(r.stdout.match(/journal: (\S+\.jsonl)/)![1]!);
    assert.deepEqual(journal.badLines, []);
    const ev = journal.events;
    const planned = ev.find((e) => e.type === "fault-planned");
    assert.ok(planned?.type === "fault-planned" && /SIGKILL pid \d+/.test(planned.summary) && planned.reversible === false);
    assert.ok(ev.some((e) => e.type === "fault-injected" && e.verified));
    const met = (name: string) => ev.find((e) => e.type === "expectation" && e.name === name && e.met);
    assert.ok(met("service-down alert fires in Alertmanager"), "the alert fired");
    assert.ok(met("the pager notification is delivered"), "the notification was delivered");
    assert.ok(met("the supervisor restarts the dashboard"), "the dashboard was restarted");
    assert.ok(ev.some((e) => e.type === "fault-reverted" && e.by === "not-needed" && e.verified));
    const finished = ev.at(-1);
    assert.ok(finished?.type === "run-finished" && finished.verdict === "passed");
    assert.ok(finished.timings.detectMs !== null && finished.timings.detectMs > 0, "time to detect measured");
    assert.ok(finished.timings.notifyMs !== null, "time to notify measured");
    assert.ok(finished.timings.recoverMs !== null, "time to recover measured");
  });

  it("refuses (exit 2) an expected alert that no rule defines, and kills nothing", () => {
    const copy = join(dir, "ct-01-no-rule.chaos.yaml");
    writeFileSync(copy, readFileSync("experiments/ct-01-kill-dashboard.chaos.yaml", "utf8").replace("alertname: TapoCameraMcpDown", "alertname: NoSuchAlertDefined"));
    const pid = dashboardPid();
    const r = cli("run", copy, "--inventory", "experiments/targets.yaml");
    assert.equal(r.code, 2, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, /no alerting rule named NoSuchAlertDefined is loaded in Prometheus/);
    assert.equal(dashboardPid(), pid, "the dashboard was not touched");
  });

  it("leaves no active fault: status --json is []", () => {
    const r = cli("status", "--json");
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});
