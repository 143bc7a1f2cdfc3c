import { errorMessage, InputError } from "../../engine/errors";
import { customCommandLines } from "../../engine/faults/custom";
import { formatDiagnostic } from "../../engine/load/Diagnostic";
import { loadExperimentFile, type LoadedExperiment } from "../../engine/load/loadExperiment";
import type { LoadedInventory } from "../../engine/load/loadInventory";
import { formatMs } from "../../engine/model/duration";
import { renderMarkdownReport, type ReportedRun } from "../../engine/reports/markdownReport";
import { reportedRunOf } from "../../engine/reports/reportedRun";
import { runbookFileFor, writeFileAtomic, writeRunbook } from "../../engine/reports/runbookWriter";
import { dryRunExperiment } from "../../engine/run/dryRun";
import { runExperiment } from "../../engine/run/runExperiment";
import type { RunResult } from "../../engine/run/RunResult";
import { collectFiles } from "../collectFiles";
import { loadCliInventory, type CliContext } from "../cliContext";
import { writeJunit } from "../junitReport";
import { parseCliArgs } from "../parseCliArgs";
import { progressPrinter } from "../progressPrinter";
import { abortOnSignals } from "../signals";

/** 0 all passed, 1 a hypothesis or expectation failed, 2 invalid input or refused preflight, 3 a revert failed. */
export function exitCodeFor(results: readonly RunResult[]): number {
  if (results.some((r) => r.revertFailed)) return 3;
  if (results.some((r) => r.verdict === "refused")) return 2;
  if (results.some((r) => r.verdict !== "passed" && r.verdict !== "dry-run")) return 1;
  return 0;
}

export async function runCommand(args: string[], ctx: CliContext): Promise<number> {
  const { positionals, values } = parseCliArgs("run", args, {
    "dry-run": { type: "boolean" },
    junit: { type: "string" },
    json: { type: "boolean" },
    report: { type: "string" },
    runbook: { type: "boolean" },
    "runbook-dir": { type: "string" },
    "allow-custom": { type: "boolean" },
  });
  if (positionals.length === 0) throw new InputError("run: give at least one experiment file or directory");
  const collected = collectFiles(positionals);
  const inventory = await suiteInventory(ctx, values.inventory, collected.inventories);
  const experiments = await loadAll(collected.experiments, ctx, inventory);
  if (experiments === undefined) return 2;
  if (!values["dry-run"] && !values["allow-custom"]) refuseCustomCommands(experiments);
  // --runbook-dir alone means the user wants runbooks written there.
  const runbooks = values.runbook === true || values["runbook-dir"] !== undefined;

  const stop = abortOnSignals((line) => ctx.out.progress(line));
  const results: RunResult[] = [];
  try {
    for (const loaded of experiments) {
      if (stop.signal.aborted) break;
      const deps = await ctx.runDeps(inventory.inventory);
      const listener = progressPrinter((line) => ctx.out.progress(line), loaded.experiment.id);
      const options = { loaded, inventory, journalDir: ctx.journalDir, signal: stop.signal, listener };
      try {
        results.push(values["dry-run"] ? await dryRunExperiment(options, deps) : await runExperiment(options, deps));
      } finally {
        await deps.transports.closeAll();
      }
      const result = results.at(-1)!;
      if (!values.json) ctx.out.result(values["dry-run"] ? dryRunText(result) : resultText(result));
      if (runbooks) updateRunbookOf(result, values["runbook-dir"], ctx);
    }
  } finally {
    stop.dispose();
  }
  if (values.junit) writeJunit(values.junit, results);
  if (values.report) writeReport(values.report, results.map(reportedRunOf), ctx);
  if (values.json) ctx.out.result(JSON.stringify(results.map(jsonResult), null, 2));
  return stop.exitCode() ?? exitCodeFor(results);
}

/**
 * `run some/dir/` with no --inventory uses the directory's own targets.yaml when the
 * default one was not found, so a suite runs from any working directory (CI checkouts).
 */
async function suiteInventory(ctx: CliContext, given: string | undefined, found: readonly string[]): Promise<LoadedInventory> {
  if (given !== undefined || ctx.inventory.file !== "" || found.length !== 1) return ctx.inventory;
  ctx.out.progress(`inventory: ${found[0]!}`);
  return loadCliInventory(found[0]);
}

/**
 * The experiment's section in its runbook, from the journal just written. A refused or dry
 * run learnt nothing about the stack, so it leaves the runbook as it is; a runbook that
 * cannot be updated (markers broken by hand) is reported and the suite goes on.
 */
function updateRunbookOf(result: RunResult, runbookDir: string | undefined, ctx: CliContext): void {
  if (result.verdict === "refused" || result.verdict === "dry-run") {
    ctx.out.progress(`runbook: ${result.experiment.id} not updated (${result.verdict})`);
    return;
  }
  const run = reportedRunOf(result);
  const file = runbookFileFor(run, process.cwd(), runbookDir);
  try {
    const w = writeRunbook(run, file);
    ctx.out.progress(`runbook: ${w.changed ? "updated" : "unchanged"} ${file} (${result.experiment.id})`);
  } catch (e) {
    ctx.out.progress(`runbook: could not update ${file}: ${errorMessage(e)}`);
  }
}

function writeReport(file: string, runs: readonly ReportedRun[], ctx: CliContext): void {
  writeFileAtomic(file, renderMarkdownReport(runs));
  ctx.out.progress(`report: ${file}`);
}

/**
 * The user's own commands are the one fault we cannot check, tag or bound: they run only
 * when the command line says so too (the file's `confirm: true` is the first consent).
 */
function refuseCustomCommands(experiments: readonly LoadedExperiment[]): void {
  const custom = experiments.flatMap(({ experiment }) => customCommandLines(experiment).map((line) => `  ${experiment.id} ${line}`));
  if (custom.length > 0) throw new InputError(`run: custom commands need --allow-custom (or look first with --dry-run):\n${custom.join("\n")}`);
}

/** Every experiment is loaded before any runs: one bad file stops the whole batch with its diagnostics. */
async function loadAll(files: string[], ctx: CliContext, inventory: LoadedInventory): Promise<LoadedExperiment[] | undefined> {
  if (files.length === 0) throw new InputError("run: no experiment files found");
  const loaded: LoadedExperiment[] = [];
  let bad = false;
  for (const file of files) {
    const r = await loadExperimentFile(file, inventory.file ? inventory : undefined);
    if (r.ok) loaded.push(r.value);
    else {
      bad = true;
      for (const d of r.diagnostics) ctx.out.result(formatDiagnostic(d));
    }
  }
  return bad ? undefined : loaded;
}

function resultText(r: RunResult): string {
  const t = (ms: number | null) => (ms === null ? "n/a" : formatMs(ms));
  return [
    `${r.experiment.id} ${r.verdict.toUpperCase()}: ${r.experiment.title}`,
    `  time to detect ${t(r.timings.detectMs)}, to notify ${t(r.timings.notifyMs)}, to recover ${t(r.timings.recoverMs)}`,
    ...r.expectations.map((e) => `  ${e.met ? "✓" : "✗"} ${e.name}${e.met && e.metAt !== null && r.faults[0]?.injectedAt ? ` (+${formatMs(e.metAt - r.faults[0].injectedAt)})` : ""}`),
    ...r.findings.map((f) => `  finding: ${f}`),
    r.journalFile ? `  journal: ${r.journalFile}` : "",
  ]
    .filter((l) => l !== "")
    .join("\n");
}

/** Exactly what each fault would run, on which target: `prepare` only, nothing executed. */
function dryRunText(r: RunResult): string {
  const lines = [`${r.experiment.id} dry run: ${r.verdict === "refused" ? "REFUSED" : "would run"}`];
  for (const reason of r.refusedReasons) lines.push(`  refused: ${reason}`);
  for (const f of r.faults) {
    lines.push(`  ${f.faultId} on ${f.target}: ${f.summary}`);
    for (const c of f.commands) lines.push(`    inject: ${c}`);
    for (const c of f.revertCommands) lines.push(`    revert: ${c}`);
    if (!f.reversible) lines.push("    revert: (nothing: not reversible, recovery is the stack's job)");
  }
  return lines.join("\n");
}

function jsonResult(r: RunResult) {
  const { experiment, ...rest } = r;
  return { experimentId: experiment.id, title: experiment.title, component: experiment.component, ...rest };
}
