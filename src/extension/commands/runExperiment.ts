import * as vscode from "vscode";
import type { RunEvent, RunResult } from "../../engine/run/RunResult";
import { CommandIds } from "../commandIds";
import { formatMeasured } from "../format/formatTime";
import type { Services } from "../services";
import { experimentArg } from "./experimentArg";

/**
 * Run Chaos Experiment: pick → one modal confirmation listing targets and faults →
 * a cancellable progress notification (Cancel reverts) → the verdict.
 */
export async function runExperiment(services: Services, arg?: unknown): Promise<RunResult | undefined> {
  const uri = await experimentArg(services, arg, "Run Chaos Experiment");
  const { runs } = services;
  // Checked before anything else, so an untrusted window never shows a confirmation; execute() checks again.
  runs.requireTrust();
  const { entry, inventory } = await runs.prepare(uri);
  await runs.confirm(entry, inventory);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${entry.id}: ${entry.title}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => {
        progress.report({ message: "cancelling: reverting faults…" });
        controller.abort();
      });
      try {
        return await runs.execute(uri, {
          dryRun: false,
          confirmed: true,
          signal: controller.signal,
          listener: (event) => {
            const message = progressMessage(event);
            if (message) progress.report({ message });
          },
        });
      } finally {
        sub.dispose();
      }
    },
  );
  void announce(result);
  return result;
}

function progressMessage(event: RunEvent): string | undefined {
  if (event.kind !== "journal") return undefined;
  const e = event.event;
  switch (e.type) {
    case "phase":
      return e.phase.replace(/-/g, " ");
    case "fault-injected":
      return `injected ${e.faultId}`;
    case "expectation":
      return e.met ? `✓ ${e.name}` : `✗ ${e.name}`;
    case "guard-tripped":
      return `guard tripped: ${e.name}, reverting`;
    case "fault-reverted":
      return `reverted ${e.faultId}`;
    default:
      return undefined;
  }
}

async function announce(result: RunResult): Promise<void> {
  const t = result.timings;
  const times = `detect ${formatMeasured(t.detectMs)}, notify ${formatMeasured(t.notifyMs)}, recover ${formatMeasured(t.recoverMs)}`;
  const id = result.experiment.id;
  const report = "Show Report";
  const runbook = "Review Runbook Edit";
  let choice: string | undefined;
  if (result.revertFailed) {
    choice = await vscode.window.showErrorMessage(`${id}: a revert failed, the stack may still be broken. ${result.findings.join(" ")}`, "Stop and Revert All", report);
    if (choice === "Stop and Revert All") return void vscode.commands.executeCommand(CommandIds.haltAll);
  } else if (result.verdict === "passed") {
    choice = await vscode.window.showInformationMessage(`${id} passed: ${times}.`, report, runbook);
  } else if (result.verdict === "refused") {
    choice = await vscode.window.showErrorMessage(`${id} refused before injecting anything: ${result.refusedReasons.join("; ")}`, report);
  } else if (result.verdict === "aborted") {
    choice = await vscode.window.showWarningMessage(`${id} was stopped; its faults were reverted. ${result.findings.join(" ")}`, report);
  } else {
    choice = await vscode.window.showWarningMessage(`${id} ${result.verdict}: ${result.findings.join(" ") || times}`, report, runbook);
  }
  if (choice === report) await vscode.commands.executeCommand(CommandIds.showRunReport, result.runId);
  if (choice === runbook) await vscode.commands.executeCommand(CommandIds.reviewRunbookEdit, result.runId);
}
