import type { FaultContext } from "./FaultDriver";
import { execOk } from "./faultExec";

/**
 * Finds victim processes through the target's transport. A pattern is matched literally, as
 * a substring of the command line, in TypeScript: it never reaches a regex engine or a
 * shell. ps shows control characters (a newline in an argument) as "?", so a pattern is
 * compared after the same replacement.
 */

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** ps STAT: R, S, D, T (stopped), Z (zombie), with modifiers. */
  stat: string;
  args: string;
}

export interface ProcessSelector {
  pattern?: string | undefined;
  pidFile?: string | undefined;
  unit?: string | undefined;
}

/** -ww: never truncate the command line; `=` after each field: no header. */
const PS_FIELDS = "pid=,ppid=,pgid=,stat=,args=";
export const PS_ARGV = ["ps", "-ww", "-eo", PS_FIELDS] as const;
const PS_LINE = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)(?:\s+(.*))?$/;

export function parsePs(output: string): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const line of output.split("\n")) {
    const m = PS_LINE.exec(line);
    if (m) out.push({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), stat: m[4] ?? "", args: m[5] ?? "" });
  }
  return out;
}

export async function listProcesses(ctx: FaultContext): Promise<ProcessInfo[]> {
  return parsePs((await execOk(ctx, PS_ARGV)).stdout);
}

export const isZombie = (p: ProcessInfo): boolean => p.stat.startsWith("Z");
export const isStopped = (p: ProcessInfo): boolean => p.stat.startsWith("T");

/** The same process as `p` (same PID and command line, so a reused PID does not count) if it is still alive. */
export function stillAlive(list: readonly ProcessInfo[], p: Pick<ProcessInfo, "pid" | "args">): ProcessInfo | undefined {
  return list.find((q) => q.pid === p.pid && q.args === p.args && !isZombie(q));
}

const printable = (s: string): string =>
  Array.from(s, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? "?" : c;
  }).join("");

/**
 * Processes whose command line contains `pattern`, except zombies, the helper commands we run
 * ourselves (ps and whatever shell or sudo carries it) and, on the local machine, this
 * process and its ancestors (the CLI was perhaps started with the pattern in its arguments).
 */
export function matchPattern(list: readonly ProcessInfo[], pattern: string, ownPid: number | undefined): ProcessInfo[] {
  const needle = printable(pattern);
  const excluded = new Set<number>();
  for (let pid = ownPid; pid !== undefined && pid > 0 && !excluded.has(pid); pid = list.find((p) => p.pid === pid)?.ppid) excluded.add(pid);
  return list.filter((p) => !excluded.has(p.pid) && !isZombie(p) && !p.args.includes(PS_FIELDS) && p.args.includes(needle));
}

export function describeSelector(s: ProcessSelector): string {
  if (s.pattern !== undefined) return `pattern ${JSON.stringify(s.pattern)}`;
  if (s.pidFile !== undefined) return `pid file ${s.pidFile}`;
  return `unit ${s.unit ?? "?"}`;
}

/** The live processes the selector names; an error when there is none (nothing to inject into). */
export async function selectProcesses(ctx: FaultContext, s: ProcessSelector): Promise<ProcessInfo[]> {
  const list = await listProcesses(ctx);
  let found: ProcessInfo[];
  if (s.pattern !== undefined) {
    found = matchPattern(list, s.pattern, ctx.transport.kind === "local" ? process.pid : undefined);
  } else {
    const pid = s.pidFile !== undefined ? await pidFromFile(ctx, s.pidFile) : await pidFromUnit(ctx, s.unit ?? "");
    found = list.filter((p) => p.pid === pid && !isZombie(p));
  }
  if (found.length === 0) throw new Error(`no live process matches ${describeSelector(s)} on ${ctx.targetName}`);
  return found;
}

async function pidFromFile(ctx: FaultContext, path: string): Promise<number> {
  // "--" so that a path starting with "-" is a path, not an option.
  const text = (await execOk(ctx, ["cat", "--", path])).stdout.trim();
  if (!/^\d+$/.test(text) || Number(text) <= 0) throw new Error(`pid file ${path} on ${ctx.targetName} does not hold a PID`);
  return Number(text);
}

async function pidFromUnit(ctx: FaultContext, unit: string): Promise<number> {
  const text = (await execOk(ctx, ["systemctl", "show", "--property=MainPID", "--value", "--", unit])).stdout.trim();
  if (!/^\d+$/.test(text) || Number(text) <= 0) throw new Error(`systemd unit ${unit} on ${ctx.targetName} has no main process`);
  return Number(text);
}
