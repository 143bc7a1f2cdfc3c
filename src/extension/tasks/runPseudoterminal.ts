import * as vscode from "vscode";
import type { RunEvent, RunResult } from "../../engine/run/RunResult";
import { formatMeasured } from "../format/formatTime";
import { exitCodeOf } from "./exitCode";

/**
 * The terminal of a `surveillance-chaos` task: prints the run's journal as it happens.
 * Closing the terminal cancels the run, which reverts its faults.
 */
export class RunPseudoterminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private readonly controller = new AbortController();

  constructor(private readonly start: (signal: AbortSignal, listener: (e: RunEvent) => void) => Promise<RunResult>) {}

  open(): void {
    void this.run();
  }

  close(): void {
    this.controller.abort();
  }

  handleInput(data: string): void {
    // Ctrl+C in the task terminal: stop and revert, as in the CLI.
    if (data === "\x03") {
      this.line("\x1b[33mstopping: reverting faults…\x1b[0m");
      this.controller.abort();
    }
  }

  private async run(): Promise<void> {
    try {
      const result = await this.start(this.controller.signal, (e) => this.print(e));
      const t = result.timings;
      this.line("");
      this.line(`${result.experiment.id}: \x1b[1m${result.verdict}\x1b[0m  detect ${formatMeasured(t.detectMs)}  notify ${formatMeasured(t.notifyMs)}  recover ${formatMeasured(t.recoverMs)}`);
      for (const f of result.findings) this.line(`  - ${f}`);
      for (const r of result.refusedReasons) this.line(`  refused: ${r}`);
      if (result.dryRun) for (const f of result.faults) for (const c of f.commands) this.line(`  [${f.target}] ${c}`);
      this.closeEmitter.fire(exitCodeOf(result));
    } catch (e) {
      this.line(`\x1b[31m${e instanceof Error ? e.message : String(e)}\x1b[0m`);
      this.closeEmitter.fire(2);
    }
  }

  private print(event: RunEvent): void {
    if (event.kind !== "journal") return;
    const e = event.event;
    const time = new Date(e.at).toISOString().slice(11, 19);
    switch (e.type) {
      case "phase":
        return this.line(`${time} ── ${e.phase}`);
      case "fault-planned":
        return this.line(`${time} planned ${e.faultId} on ${e.target}: ${e.summary}`);
      case "fault-injected":
        return this.line(`${time} injected ${e.faultId}${e.verified ? " (verified)" : ""}`);
      case "fault-reverted":
        return this.line(`${time} reverted ${e.faultId} by ${e.by}${e.verified ? " (verified)" : ` \x1b[31m${e.error ?? "not verified"}\x1b[0m`}`);
      case "probe":
        return this.line(`${time} ${e.ok ? "✓" : "✗"} ${e.role} ${e.name}: ${e.detail}`);
      case "expectation":
        return this.line(`${time} ${e.met ? "✓" : "✗"} expectation ${e.name}: ${e.detail}`);
      case "guard-tripped":
        return this.line(`${time} \x1b[31mguard tripped\x1b[0m ${e.name}: ${e.detail}`);
      case "preflight-refused":
        return this.line(`${time} \x1b[31mrefused\x1b[0m ${e.reasons.join("; ")}`);
      case "note":
        return this.line(`${time} ${e.level}: ${e.message}`);
      default:
        return undefined;
    }
  }

  private line(text: string): void {
    this.writeEmitter.fire(`${text}\r\n`);
  }
}
