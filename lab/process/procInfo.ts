import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Facts about a PID read from /proc. A zombie counts as exited: on this machine PID 1 may
 * reap late, so `kill -0` can succeed for ~2 s after a process has really ended.
 */
export interface ProcInfo {
  state: string;
  /** Start time in clock ticks since boot: with the PID it identifies one process for good. */
  startTicks: number;
}

export function procInfo(pid: number): ProcInfo | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTicks = Number(fields[19]);
  if (state === undefined || !Number.isFinite(startTicks)) return undefined;
  return { state, startTicks };
}

export function isRunning(pid: number): boolean {
  const info = procInfo(pid);
  return info !== undefined && info.state !== "Z" && info.state !== "X";
}

/** The argv of a running process, or undefined when it is gone. */
export function procArgv(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return raw.split("\0").filter((part) => part.length > 0);
  } catch {
    return undefined;
  }
}

/** Live processes other than this one whose argv (joined by spaces) `matches`, as "pid: argv". */
export function processesByArgv(matches: (argv: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    const pid = Number(entry);
    if (pid === process.pid || !isRunning(pid)) continue;
    const argv = procArgv(pid)?.join(" ") ?? "";
    if (matches(argv)) found.push(`${pid}: ${argv}`);
  }
  return found;
}

/** An argv running the lab's code or state (a path under <repo>/lab/) or the dashboard's module. */
export function runsLabCode(repo: string, argv: string): boolean {
  return argv.includes(join(repo, "lab") + "/") || argv.includes("tapo_camera_mcp.web");
}
