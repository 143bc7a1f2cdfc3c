/**
 * CT-04 (500 ms on the dashboard's scrape path) through the CLI against the lab, where the
 * kernel has no netem and the TCP delay proxy with its NAT redirect takes the path. The
 * latency must slow the scrape and nothing else: the supervisor polls the same port, and
 * when the proxy's coming or going reset its socket it restarted the dashboard (twice per
 * run), which turned into a data gap and into a later experiment's failed steady state.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { labUp } from "../../../lab/labApi.js";
import { readJournal } from "../../../src/engine/journal/journalReader";
import { dashboardPid, dashboardScraped, paths } from "../lab/labTestHelpers";
import { quiet } from "./scenarioSupport";

const dir = mkdtempSync(join(tmpdir(), "sc-ct04-"));
const supervisorLog = join(paths.logs, "supervisor.log");
after(() => rmSync(dir, { recursive: true, force: true }));

before(async () => {
  await labUp({ only: ["prometheus", "supervisor"], log: quiet });
});

test("CT-04 slows the scrape and passes; the supervisor's health polls are never reset, so the dashboard is not restarted", { timeout: 4 * 60_000 }, async (t) => {
  await dashboardScraped();
  const pidBefore = dashboardPid();
  assert.ok(pidBefore !== undefined, "the supervisor runs the dashboard");
  const logBefore = readFileSync(supervisorLog, "utf8").length;

  const r = spawnSync(process.execPath, ["bin/surveillance-chaos.js", "run", "experiments/ct-04-scrape-latency.chaos.yaml", "--journal-dir", join(dir, "runs")], {
    encoding: "utf8",
    timeout: 3 * 60_000,
  });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  t.diagnostic(/using the TCP delay proxy/.test(r.stderr) ? "latency by the TCP delay proxy (no netem here)" : "latency by netem");

  const journal = readJournal(/journal: (\S+\.jsonl)/.exec(r.stdout)![1]!);
  assert.ok(journal.events.some((e) => e.type === "fault-reverted" && e.verified), "the revert was verified");
  const lines = readFileSync(supervisorLog, "utf8").slice(logBefore);
  assert.doesNotMatch(lines, /health check failed|restarting tapo-camera-mcp/, "the supervisor saw no failure during CT-04");
  assert.equal(dashboardPid(), pidBefore, "the dashboard was not restarted");
  // The revert waited for the draining proxy: nothing of the fault is left running.
  assert.equal(spawnSync("pgrep", ["-f", "[s]c-proxy:"]).status, 1, "no delay proxy left");
});
