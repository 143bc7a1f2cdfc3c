import { spawn } from "node:child_process";

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs a short-lived command from an argv array (never a shell string) and collects its
 * output. The lab-extras components use it for ssh-keygen, ssh, mount, umount and tar.
 */
export function runCommand(command: string, args: readonly string[], opts: { timeoutMs?: number; input?: string; cwd?: string } = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"], cwd: opts.cwd });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, opts.timeoutMs ?? 10_000);
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: stderr + e.message, timedOut });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
    // A command may exit before reading its input; that is its answer, not our crash.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(opts.input);
  });
}

export async function runChecked(command: string, args: readonly string[], opts: { timeoutMs?: number; cwd?: string } = {}): Promise<string> {
  const r = await runCommand(command, args, opts);
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.timedOut ? "timeout" : `exit ${r.code}`}): ${r.stderr.trim()}`);
  return r.stdout;
}
