import { readFileSync } from "node:fs";

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
