import { writeFileSync } from "node:fs";
import { create } from "xmlbuilder2";
import { formatMs } from "../engine/model/duration";
import type { RunResult } from "../engine/run/RunResult";

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** One testsuite per invocation, one testcase per experiment; a failure names the first unmet expectation. */
export function junitXml(results: readonly RunResult[], suiteName = "surveillance-chaos"): string {
  const failures = results.filter((r) => r.verdict !== "passed" && r.verdict !== "dry-run" && r.verdict !== "error").length;
  const errors = results.filter((r) => r.verdict === "error").length;
  const total = results.reduce((sum, r) => sum + (r.finishedAt - r.startedAt), 0);
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele("testsuites", { name: suiteName, tests: results.length, failures, errors, time: seconds(total) });
  const suite = root.ele("testsuite", {
    name: suiteName,
    tests: results.length,
    failures,
    errors,
    skipped: 0,
    time: seconds(total),
    timestamp: new Date(results[0]?.startedAt ?? Date.now()).toISOString(),
  });
  for (const r of results) {
    const tc = suite.ele("testcase", { classname: `${suiteName}.${r.experiment.component}`, name: `${r.experiment.id}: ${r.experiment.title}`, file: r.file, time: seconds(r.finishedAt - r.startedAt) });
    const props = tc.ele("properties");
    props.ele("property", { name: "runId", value: r.runId });
    props.ele("property", { name: "verdict", value: r.verdict });
    for (const [k, v] of Object.entries(r.timings)) props.ele("property", { name: k, value: v === null ? "" : String(v) });
    if (r.journalFile) props.ele("property", { name: "journal", value: r.journalFile });
    if (r.verdict === "passed" || r.verdict === "dry-run") {
      tc.ele("system-out").txt(summaryText(r));
      continue;
    }
    const unmet = r.expectations.find((e) => !e.met);
    const message = unmet ? `${unmet.name}: ${unmet.detail}` : (r.findings[0] ?? r.verdict);
    tc.ele(r.verdict === "error" ? "error" : "failure", { message, type: r.verdict }).txt(r.findings.join("\n"));
    tc.ele("system-out").txt(summaryText(r));
  }
  return root.end({ prettyPrint: true });
}

function summaryText(r: RunResult): string {
  const t = (ms: number | null) => (ms === null ? "n/a" : formatMs(ms));
  return [
    `verdict: ${r.verdict}`,
    `time to detect: ${t(r.timings.detectMs)}; to notify: ${t(r.timings.notifyMs)}; to recover: ${t(r.timings.recoverMs)}`,
    ...r.expectations.map((e) => `${e.met ? "met" : "NOT met"}: ${e.name}: ${e.detail}`),
  ].join("\n");
}

export function writeJunit(file: string, results: readonly RunResult[]): void {
  writeFileSync(file, junitXml(results));
}
