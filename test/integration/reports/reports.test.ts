import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { labUp } from "../../../lab/labApi";
import { LokiClient } from "../../../src/engine/clients/lokiClient";
import { dashboardScraped } from "../lab/labTestHelpers";

/**
 * Runbooks, reports and markers for real: CT-01…CT-04 through the CLI (from the sources,
 * so a stale dist/ bundle cannot hide a change) against the lab, with every output in a
 * temp dir, a secret in the environment that must appear nowhere, and the Pushgateway and
 * the Loki stand-in polled while the suite runs.
 */
const repo = resolve(".");
const dir = mkdtempSync(join(tmpdir(), "sc-reports-"));
const journalDir = join(dir, "runs");
const runbookDir = join(dir, "runbooks");
const inventory = join(dir, "targets.yaml");
const SECRET = `s3cr3t-${randomUUID()}`;
const PUSHGATEWAY = "http://127.0.0.1:9091";
const loki = new LokiClient({ name: "loki", url: "http://127.0.0.1:3100" });
after(() => rmSync(dir, { recursive: true, force: true }));

const CLI = 'require("./src/cli/main.ts").main(process.argv.slice(1)).then((c) => process.exit(c))';
const env = { ...process.env, SURVEILLANCE_CHAOS_SECRET_LAB_TOKEN: SECRET };

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a child process, so markers can be polled while it runs. */
function cli(args: string[], whileRunning?: () => Promise<void>): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", "-e", CLI, ...args, "--inventory", inventory, "--journal-dir", journalDir], { cwd: repo, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGINT"), 9 * 60_000);
    let running = true;
    const polling = (async () => {
      while (running && whileRunning) {
        await whileRunning().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    child.on("error", fail);
    child.on("close", (code) => {
      running = false;
      clearTimeout(timer);
      void polling.then(() => done({ code, stdout, stderr }));
    });
  });
}

/** `chaos_experiment_active` by run id, as the Pushgateway serves it now. */
async function activeByRun(): Promise<Map<string, number>> {
  const text = await (await fetch(`${PUSHGATEWAY}/metrics`, { signal: AbortSignal.timeout(3000) })).text();
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^chaos_experiment_active\{.*run_id="([^"]+)".*\} (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/** The marker moments the Loki stand-in holds per run id. */
async function lokiMoments(): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const l of await loki.tail('{job="surveillance-chaos"}', 20 * 60_000, 1000)) {
    const { run_id: runId, moment } = JSON.parse(l.line) as { run_id: string; moment: string };
    out.set(runId, (out.get(runId) ?? new Set()).add(moment));
  }
  return out;
}

const runIdsOf = (r: CliRun) => [...r.stdout.matchAll(/journal: \S+\/([^/\s]+)\.jsonl/g)].map((m) => m[1]!);
const read = (file: string) => readFileSync(file, "utf8");
const allOutputs = (extra: string[]) => [...extra, ...readdirSync(journalDir).filter((n) => n.endsWith(".jsonl")).map((n) => read(join(journalDir, n)))];

/** The "this run" row of an experiment's section: [runId, date, verdict, detect, notify, recover]. */
function thisRun(runbook: string, id: string): string[] {
  const section = runbook.slice(runbook.indexOf(`<!-- surveillance-chaos:begin ${id} -->`), runbook.indexOf(`<!-- surveillance-chaos:end ${id} -->`));
  const row = section.split("\n").find((l) => l.startsWith("| this run `"));
  assert.ok(row, `no "this run" row for ${id}`);
  return row.slice(1, -1).split("|").map((c) => c.trim().replace(/^this run `(.*)`$/, "$1"));
}

const DURATION = /^\d+(\.\d+)?(ms|s|m)( \d+(\.\d+)?s)?$/;

describe("runbooks, reports and markers against the lab", { timeout: 25 * 60_000 }, () => {
  before(async () => {
    await labUp({ only: ["prometheus", "alertmanager", "sinks", "supervisor", "pushgateway", "loki-standin", "promtail-standin", "cameras", "node-exporter"], log: () => undefined });
    // The lab inventory, moved to a temp dir (paths made absolute) with a token on two
    // services that ignore it: the CLI resolves a real secret during the whole suite.
    writeFileSync(
      inventory,
      read("experiments/targets.yaml")
        .replaceAll("${inventoryDir}/..", repo)
        .replaceAll("../lab/.state/ssh", join(repo, "lab/.state/ssh"))
        .replace('prometheus: { url: "http://127.0.0.1:9090", kind: prometheus }', 'prometheus: { url: "http://127.0.0.1:9090", kind: prometheus, token: { secret: lab_token } }')
        .replace('pushgateway: { url: "http://127.0.0.1:9091", kind: pushgateway }', 'pushgateway: { url: "http://127.0.0.1:9091", kind: pushgateway, token: { secret: lab_token } }'),
    );
    assert.match(read(inventory), /secret: lab_token[\s\S]*secret: lab_token/);
  });

  it("run experiments/ writes a runbook section per experiment with measured times, one JUnit file, one report; markers live during, inactive after", async (t) => {
    const junit = join(dir, "suite.xml");
    const report = join(dir, "report.md");
    const activeSeen = new Set<string>();
    const lokiStartSeenWhileActive = new Set<string>();
    let lastLokiPoll = 0;
    await dashboardScraped();
    const r = await cli(["run", "experiments/", "--runbook", "--runbook-dir", runbookDir, "--junit", junit, "--report", report], async () => {
      const active = await activeByRun();
      const live = [...active].filter(([, v]) => v === 1).map(([id]) => id);
      for (const id of live) activeSeen.add(id);
      if (live.length > 0 && Date.now() - lastLokiPoll > 2000) {
        lastLokiPoll = Date.now();
        const moments = await lokiMoments();
        for (const id of live) if (moments.get(id)?.has("start")) lokiStartSeenWhileActive.add(id);
      }
    });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const runIds = runIdsOf(r);
    assert.equal(runIds.length, 4, r.stdout);

    const xml = read(junit);
    assert.match(xml, /<testsuite name="surveillance-chaos" tests="4" failures="0" errors="0"/);
    assert.deepEqual([...xml.matchAll(/<testcase [^>]*name="(CT-0\d):/g)].map((m) => m[1]), ["CT-01", "CT-02", "CT-03", "CT-04"]);

    const md = read(report);
    assert.match(md, /4 of 4 experiments passed/);
    for (const id of ["CT-01", "CT-02", "CT-03", "CT-04"]) assert.match(md, new RegExp(`\\| ${id} [^|]+ \\| \\*\\*passed\\*\\* \\|`));

    const files = { "CT-01": "dashboard.md", "CT-02": "camera-streams.md", "CT-03": "prometheus-loki.md", "CT-04": "prometheus-loki.md" } as const;
    for (const [id, file] of Object.entries(files)) {
      const [runId, , verdict, detect, notify, recover] = thisRun(read(join(runbookDir, file)), id);
      t.diagnostic(`${id} (${runId}): detect ${detect}, notify ${notify}, recover ${recover}`);
      assert.equal(verdict, "passed");
      assert.ok(runIds.includes(runId!), `${id}'s row is from this suite`);
      assert.match(detect!, DURATION, `${id} time to detect`);
      assert.match(recover!, DURATION, `${id} time to recover`);
    }
    assert.match(read(join(runbookDir, "dashboard.md")), /`TapoCameraMcpDown` fired [\d.]+m?s after injection/);

    // During: each run was active on the Pushgateway with its start line in Loki. After: 0, and Loki holds start and end.
    for (const id of runIds) {
      assert.ok(activeSeen.has(id), `chaos_experiment_active was 1 during ${id}`);
      assert.ok(lokiStartSeenWhileActive.has(id), `the Loki start line of ${id} was there while it ran`);
    }
    const activeAfter = await activeByRun();
    const moments = await lokiMoments();
    for (const id of runIds) {
      // The Pushgateway group is per experiment, so only each experiment's last run remains, at 0.
      if (activeAfter.has(id)) assert.equal(activeAfter.get(id), 0, `active is 0 after ${id}`);
      assert.ok(moments.get(id)?.has("start") && moments.get(id)?.has("end"), `Loki holds the start and end markers of ${id}`);
    }
    assert.ok([...activeAfter.values()].every((v) => v === 0), "nothing active after the suite");

    for (const text of allOutputs([xml, md, r.stdout, r.stderr, ...readdirSync(runbookDir).map((n) => read(join(runbookDir, n)))])) assert.ok(!text.includes(SECRET), "the secret appears nowhere");
  });

  it("the team's paragraphs above and below the markers survive two re-runs unchanged", async () => {
    const file = join(runbookDir, "dashboard.md");
    const above = "# Dashboard runbook\n\nWritten by the team: the dashboard runs on the hub under watchfiles.\n\n";
    const below = "\n\n## Escalation\n\nIf the supervisor does not bring it back, page the on-call.\n";
    writeFileSync(file, above + read(file).replace(/^# Runbook: dashboard\n\n/, "").trimEnd() + below);
    const runIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      await dashboardScraped();
      const r = await cli(["run", "experiments/ct-01-kill-dashboard.chaos.yaml", "--runbook-dir", runbookDir]);
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      runIds.push(...runIdsOf(r));
    }
    const text = read(file);
    assert.ok(text.startsWith(above), "the paragraph above is unchanged");
    assert.ok(text.endsWith(below), "the paragraph below is unchanged");
    assert.equal(text.split("<!-- surveillance-chaos:begin CT-01 -->").length, 2, "one CT-01 section");
    assert.equal(thisRun(text, "CT-01")[0], runIds[1]);
    assert.match(text, new RegExp(`\\| previous \`${runIds[0]}\` \\|`), "the earlier run is kept as history");
  });

  it("an expected alert that never fires is a runbook finding and a JUnit failure naming it", async () => {
    const file = join(dir, "ct-01-never-fires.chaos.yaml");
    const ct01 = read("experiments/ct-01-kill-dashboard.chaos.yaml");
    const never = ct01
      .replace("id: CT-01", "id: CT-01-NF")
      .replace("measures: detect\n    within: ${detectWithin}", "measures: detect\n    within: 10s")
      .replace("labels: { severity: critical }", 'labels: { severity: critical, instance: "never-matches:0" }');
    assert.notEqual(never, ct01);
    assert.match(never, /within: 10s\n {4}probe:\n {6}type: alert/);
    writeFileSync(file, never);
    const junit = join(dir, "never.xml");
    await dashboardScraped();
    const r = await cli(["run", file, "--runbook-dir", runbookDir, "--junit", junit]);
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    const xml = read(junit);
    assert.match(xml, /failures="1" errors="0"/);
    assert.match(xml, /<failure message="service-down alert fires in Alertmanager: [^"]+" type="failed">/);
    const runbook = read(join(runbookDir, "dashboard.md"));
    const section = runbook.slice(runbook.indexOf("<!-- surveillance-chaos:begin CT-01-NF -->"));
    assert.match(section, /`TapoCameraMcpDown` was expected but \*\*never fired\*\*/);
    assert.match(section, /### Findings\n\n(- .*\n)*- expectation "service-down alert fires in Alertmanager" was not met/);
    assert.equal(thisRun(runbook, "CT-01-NF")[2], "failed");
  });

  it("the exported CT-01 playbook passes --syntax-check and, run against localhost, kills and the supervisor restarts the dashboard", async () => {
    const playbook = join(dir, "ct01.yml");
    const hosts = join(dir, "hosts.yml");
    const r = await cli(["export", "ansible", "experiments/ct-01-kill-dashboard.chaos.yaml", "-o", playbook, "--ansible-inventory", hosts]);
    assert.equal(r.code, 0, r.stderr);
    const ansible = (...args: string[]) =>
      spawnSync("ansible-playbook", ["-i", hosts, ...args, playbook], { encoding: "utf8", timeout: 5 * 60_000, env: { ...process.env, ANSIBLE_NOCOLOR: "1", ANSIBLE_RETRY_FILES_ENABLED: "false" } });
    const check = ansible("--syntax-check");
    assert.equal(check.status, 0, `${check.stdout}\n${check.stderr}`);

    await dashboardScraped();
    const before = dashboardPid();
    const play = ansible();
    assert.equal(play.status, 0, `${play.stdout}\n${play.stderr}`);
    assert.match(play.stdout, /kill-dashboard: send SIGKILL to processes matching the pattern/);
    assert.match(play.stdout, /localhost\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=0/);
    const afterPid = dashboardPid();
    assert.notEqual(afterPid, before, "the dashboard was killed and restarted by the supervisor");
  });
});

function dashboardPid(): number {
  const ps = spawnSync("pgrep", ["-f", "tapo_camera_mcp.web"], { encoding: "utf8" });
  const pids = ps.stdout.trim().split("\n").filter(Boolean).map(Number);
  assert.equal(pids.length, 1, `one dashboard process expected, found: ${ps.stdout}`);
  return pids[0]!;
}
