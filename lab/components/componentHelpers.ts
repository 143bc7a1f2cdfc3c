import { createConnection } from "node:net";
import { join } from "node:path";
import { labPaths } from "../paths.js";
import { isLive, readPidMetas, type PidMeta } from "../process/pidFiles.js";
import { isRunning } from "../process/procInfo.js";
import { LAB_HOST } from "../ports.js";
import type { HealthReport, LabContext } from "./Component.js";

/** argv for running a lab TypeScript program with the repo's tsx. */
export function tsxProgram(ctx: LabContext, relativePath: string, args: readonly string[] = []): [string, string[]] {
  return [process.execPath, ["--import", "tsx", join(ctx.repo, relativePath), ...args]];
}

/** Live processes labctl recorded for a component. */
export function liveProcesses(ctx: LabContext, component: string): PidMeta[] {
  return readPidMetas(labPaths(ctx.repo).pids).filter((m) => m.component === component && isLive(m));
}

export function isPortOpen(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: LAB_HOST, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Refuses to start over somebody else's listener: its health would pass for ours. */
export async function assertPortsFree(ports: readonly number[]): Promise<void> {
  for (const port of ports) {
    if (await isPortOpen(port)) throw new Error(`port ${LAB_HOST}:${port} is already in use by a process the lab did not start`);
  }
}

/** A health report that first checks the component's own processes are alive. */
export async function healthOfProcesses(
  ctx: LabContext,
  component: string,
  probe: () => Promise<HealthReport>,
): Promise<HealthReport> {
  const live = liveProcesses(ctx, component);
  if (live.length === 0) return { healthy: false, detail: "no live process" };
  return probe();
}

/** For waitUntil: stop waiting as soon as the process has exited (zombies count as exited). */
export function pidAlive(pid: number): () => boolean {
  return () => isRunning(pid);
}
