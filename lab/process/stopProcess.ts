import { isRunning } from "./procInfo.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await sleep(50);
  }
  return !isRunning(pid);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone: nothing to do.
  }
}

/**
 * SIGTERM, wait for the process to really exit, then SIGKILL. A stopped (SIGSTOP) process
 * cannot act on SIGTERM, so it also gets SIGCONT.
 */
export async function stopProcess(pid: number, graceMs = 5000): Promise<"exited" | "killed" | "survived"> {
  if (!isRunning(pid)) return "exited";
  signal(pid, "SIGTERM");
  signal(pid, "SIGCONT");
  if (await waitForExit(pid, graceMs)) return "exited";
  signal(pid, "SIGKILL");
  return (await waitForExit(pid, 5000)) ? "killed" : "survived";
}
