import type { ExecOptions, ExecResult } from "../transports/Transport";
import type { FaultContext } from "./FaultDriver";

/** A target command that did not succeed; the message carries its rendering and stderr. */
export class FaultCommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: ExecResult,
  ) {
    const why = result.stderr.trim() || result.stdout.trim() || (result.signal ? `killed by ${result.signal}` : `exit ${result.code}`);
    super(`${command}: ${why}`);
    this.name = "FaultCommandError";
  }
}

type RunOptions = Omit<ExecOptions, "signal">;

/** Runs argv on the fault's target with the fault's abort signal; resolves with the result whatever the exit code. */
export function exec(ctx: FaultContext, argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
  return ctx.transport.exec(argv, { timeoutMs: 30_000, ...options, signal: ctx.signal });
}

/** Like exec, but a non-zero exit is an error. */
export async function execOk(ctx: FaultContext, argv: readonly string[], options: RunOptions = {}): Promise<ExecResult> {
  const result = await exec(ctx, argv, options);
  if (result.code !== 0) throw new FaultCommandError(ctx.transport.render(argv, options), result);
  return result;
}

/**
 * Polls `check` until it holds or `timeoutMs` passes: faults are verified by watching the
 * target change, never by sleeping a fixed time.
 */
export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, signal: AbortSignal, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline || signal.aborted) return false;
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
}

/** "SIGKILL" / "KILL" → "KILL", the form kill(1) takes after -s. */
export function signalName(signal: string): string {
  return signal.replace(/^SIG/, "");
}
