import { writeFileSync } from "node:fs";
import { create } from "xmlbuilder2";
import { formatMs } from "../engine/model/duration";
import type { RunResult } from "../engine/run/RunResult";

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit's two ways to not pass: a failure is the stack not doing what the plan expects; an error is a run that could not say (refused, broke). */
type Outcome = "pass" | "failure" | "error";
function outcomeOf(r: RunResult): Outcome {
  if (r.verdict === "passed" || r.verdict === "dry-run") return "pass";
  return r.verdict === "error" || r.verdict === "refused" ? "error" : "failure";
}

/**
 * One testsuite per invocation, one testcase per experiment, in run order. A failure's
 * message names every unmet expectation with its detail (else the first finding); a
 * refused run is an error whose message is preflight's reasons.
 */
export function junitXml(results: readonly RunResult[], suiteName = "surveillance-chaos"): string {
  const failures = results.filter((r) => outcomeOf(r) === "failure").length;
  const errors = results.filter((r) => outcomeOf(r) === "error").length;
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
    const outcome = outcomeOf(r);
    if (outcome !== "pass") {
      const { message, body } = outcome === "error" ? errorText(r) : failureText(r);
      tc.ele(outcome, { message, type: r.verdict }).txt(body);
    }
    tc.ele("system-out").txt(summaryText(r));
  }
  return root.end({ prettyPrint: true });
}

function failureText(r: RunResult): { message: string; body: string } {
  const unmet = r.expectations.filter((e) => !e.met).map((e) => `${e.name}: ${e.detail}`);
  const message = unmet.length > 0 ? unmet.join("; ") : (r.findings[0] ?? r.verdict);
  // The runner's findings already name each unmet expectation, with what else went wrong.
  return { message, body: (r.findings.length > 0 ? r.findings : unmet).join("\n") };
}

function errorText(r: RunResult): { message: string; body: string } {
  if (r.verdict === "refused") return { message: `preflight refused: ${r.refusedReasons.join("; ")}`, body: r.refusedReasons.join("\n") };
  return { message: r.findings[0] ?? "the run ended in an error", body: r.findings.join("\n") };
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
