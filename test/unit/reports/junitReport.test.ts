import assert from "node:assert/strict";
import { test } from "node:test";
import { junitXml } from "../../../src/cli/junitReport";
import type { RunResult } from "../../../src/engine/run/RunResult";
import { experiment } from "../run/fakes";

function result(verdict: RunResult["verdict"], extra: Partial<RunResult> = {}): RunResult {
  const loaded = experiment();
  return {
    runId: `r-${verdict}`,
    file: loaded.file,
    experiment: loaded.experiment,
    variables: {},
    dryRun: false,
    verdict,
    timings: { detectMs: null, notifyMs: null, recoverMs: 2000 },
    findings: [],
    refusedReasons: [],
    expectations: [],
    faults: [],
    timeline: [],
    journalFile: "/j/r.jsonl",
    startedAt: 1000,
    finishedAt: 3000,
    revertFailed: false,
    ...extra,
  };
}

const unmet = (name: string, detail: string) => ({ name, measures: null, mode: "eventually" as const, withinMs: 10_000, met: false, metAt: null, detail });

test("a failure names every unmet expectation with its detail", () => {
  const xml = junitXml([
    result("failed", {
      expectations: [unmet("service-down alert fires", "no TapoCameraMcpDown{instance=\"nowhere\"} within 10s"), unmet("restart", "no new process")],
      findings: ['expectation "service-down alert fires" was not met: no TapoCameraMcpDown{instance="nowhere"} within 10s', 'expectation "restart" was not met: no new process'],
    }),
  ]);
  assert.match(xml, /failures="1" errors="0"/);
  assert.match(xml, /<failure message="service-down alert fires: no TapoCameraMcpDown\{instance=&quot;nowhere&quot;\} within 10s; restart: no new process" type="failed">/);
  assert.match(xml, /expectation "restart" was not met: no new process/);
});

test("a refused run is an error element with preflight's reasons, not a failure", () => {
  const xml = junitXml([result("passed"), result("refused", { refusedReasons: ["target hub: allowChaos is false", "tool pkill missing"], findings: ["refused: target hub: allowChaos is false"] })]);
  assert.match(xml, /<testsuite name="surveillance-chaos" tests="2" failures="0" errors="1"/);
  assert.match(xml, /<error message="preflight refused: target hub: allowChaos is false; tool pkill missing" type="refused">target hub: allowChaos is false\ntool pkill missing<\/error>/);
  assert.doesNotMatch(xml, /<failure/);
});

test("a guard-aborted run is a failure with the guard's finding; a crashed run is an error", () => {
  const xml = junitXml([
    result("aborted", { findings: ['guard "other camera online" tripped (offline): faults reverted at once'] }),
    result("error", { findings: ["error: transport closed"] }),
  ]);
  assert.match(xml, /failures="1" errors="1"/);
  assert.match(xml, /<failure message="guard &quot;other camera online&quot; tripped \(offline\): faults reverted at once" type="aborted">/);
  assert.match(xml, /<error message="error: transport closed" type="error">/);
});

test("one testsuite, testcases in run order, timings as properties", () => {
  const a = result("passed", { runId: "a", experiment: { ...experiment().experiment, id: "CT-01" } });
  const b = result("passed", { runId: "b", experiment: { ...experiment().experiment, id: "CT-02" } });
  const xml = junitXml([a, b]);
  assert.equal(xml.match(/<testsuite /g)?.length, 1);
  assert.ok(xml.indexOf('name="CT-01: fake"') < xml.indexOf('name="CT-02: fake"'));
  assert.match(xml, /<property name="recoverMs" value="2000"\/>/);
});
