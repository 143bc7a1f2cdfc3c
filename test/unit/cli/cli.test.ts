import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { exitCodeFor } from "../../../src/cli/commands/run";
import { junitXml } from "../../../src/cli/junitReport";
import { main } from "../../../src/cli/main";
import type { Output } from "../../../src/cli/output";
import type { RunResult } from "../../../src/engine/run/RunResult";
import { experiment } from "../run/fakes";

const dir = mkdtempSync(join(tmpdir(), "sc-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, result: (t) => void stdout.push(t), progress: (l) => void stderr.push(l) };
}

const ct01 = readFileSync("experiments/ct-01-kill-dashboard.chaos.yaml", "utf8");

describe("surveillance-chaos CLI", () => {
  it("validate: the shipped experiments and inventory are valid (exit 0)", async () => {
    const out = capture();
    assert.equal(await main(["validate", "experiments/", "--journal-dir", dir], out), 0, out.stdout.join("\n"));
  });

  it("validate: a misspelt key exits 2 with file:line:col", async () => {
    const file = join(dir, "typo.chaos.yaml");
    writeFileSync(file, ct01.replace("expectations:", "expectatons:"));
    const out = capture();
    assert.equal(await main(["validate", file, "--journal-dir", dir], out), 2);
    const line = ct01.split("\n").findIndex((l) => l.startsWith("expectations:")) + 1;
    assert.deepEqual(out.stdout, [`${file}:${line}:1: error: unknown key "expectatons" (did you mean "expectations"?)`]);
  });

  it("run: an invalid file exits 2 and runs nothing", async () => {
    const file = join(dir, "bad.chaos.yaml");
    writeFileSync(file, ct01.replace("target: ${hub}\n    params", "target: nowhere\n    params"));
    const out = capture();
    assert.equal(await main(["run", file, "--journal-dir", dir], out), 2);
    assert.match(out.stdout.join("\n"), /unknown target "nowhere"/);
  });

  it("status --json prints [] when nothing is active", async () => {
    const out = capture();
    assert.equal(await main(["status", "--json", "--journal-dir", dir], out), 0);
    assert.deepEqual(JSON.parse(out.stdout.join("")), []);
  });

  it("halt with nothing active exits 0", async () => {
    const out = capture();
    assert.equal(await main(["halt", "--journal-dir", dir], out), 0);
  });

  it("unknown verbs and flags are input errors (exit 2)", async () => {
    assert.equal(await main(["explode"], capture()), 2);
    const out = capture();
    assert.equal(await main(["status", "--jsn", "--journal-dir", dir], out), 2);
    assert.match(out.stderr.join("\n"), /status: Unknown option '--jsn'/);
  });
});

function result(verdict: RunResult["verdict"], extra: Partial<RunResult> = {}): RunResult {
  const loaded = experiment();
  return {
    runId: `r-${verdict}`,
    file: loaded.file,
    experiment: loaded.experiment,
    variables: {},
    dryRun: false,
    verdict,
    timings: { detectMs: 1200, notifyMs: null, recoverMs: 3000 },
    findings: verdict === "passed" ? [] : ["expectation \"detected\" was not met: not met within 300ms: up = 1"],
    refusedReasons: [],
    expectations: [{ name: "detected", measures: "detect", mode: "eventually", withinMs: 300, met: verdict === "passed", metAt: null, detail: "up = 1 <&>" }],
    faults: [],
    timeline: [],
    journalFile: "/j/r.jsonl",
    startedAt: 1000,
    finishedAt: 4500,
    revertFailed: false,
    ...extra,
  };
}

describe("exit codes and JUnit", () => {
  it("maps verdicts to 0, 1, 2, 3", () => {
    assert.equal(exitCodeFor([result("passed"), result("dry-run")]), 0);
    assert.equal(exitCodeFor([result("passed"), result("failed")]), 1);
    assert.equal(exitCodeFor([result("aborted")]), 1);
    assert.equal(exitCodeFor([result("failed"), result("refused")]), 2);
    assert.equal(exitCodeFor([result("refused"), result("failed", { revertFailed: true })]), 3);
  });

  it("writes one testsuite, one testcase per experiment, failures naming the unmet expectation", () => {
    const xml = junitXml([result("passed"), result("failed", { runId: "r2" })]);
    assert.match(xml, /<testsuite name="surveillance-chaos" tests="2" failures="1" errors="0"/);
    assert.equal(xml.match(/<testcase /g)?.length, 2);
    assert.match(xml, /<failure message="detected: up = 1 &lt;&amp;&gt;" type="failed">/);
    assert.match(xml, /time="3.500"/);
  });
});
