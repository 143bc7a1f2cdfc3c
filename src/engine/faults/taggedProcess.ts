import type { FaultContext } from "./FaultDriver";
import { execOk, waitUntil } from "./faultExec";
import { detachedArgv } from "../transports/shellQuote";
import { isZombie, listProcesses, type ProcessInfo } from "./processSelector";

/**
 * Background processes a fault starts (stress workers), tagged so that revert and the sweep
 * stop exactly those. Each runs in its own process group under a `sh` leader whose last
 * argument is the marker (see detachedArgv). A group is ours when its leader (pid == pgid,
 * so never the runner's own group) has the marker as its last argument.
 */

export const markerFor = (kind: string, tag: string): string => `surveillance-chaos-${kind}-${tag}`;

/** Starts argv detached on the target; returns the group leader's PID. */
export async function launchTagged(ctx: FaultContext, argv: readonly string[], marker: string): Promise<number> {
  const out = (await execOk(ctx, detachedArgv(argv, marker))).stdout.trim();
  if (!/^\d+$/.test(out)) throw new Error(`could not start ${argv[0] ?? "command"} on ${ctx.targetName}: ${out}`);
  return Number(out);
}

export function taggedMembers(list: readonly ProcessInfo[], marker: string): ProcessInfo[] {
  const groups = new Set(list.filter((p) => p.pid === p.pgid && p.args.endsWith(` ${marker}`)).map((p) => p.pgid));
  return list.filter((p) => groups.has(p.pgid) && !isZombie(p));
}

export async function findTagged(ctx: FaultContext, marker: string): Promise<ProcessInfo[]> {
  return taggedMembers(await listProcesses(ctx), marker);
}

export function killGroupArgv(signal: string, pgids: readonly number[]): string[] {
  return ["kill", "-s", signal, "--", ...pgids.map((g) => `-${g}`)];
}

/** SIGTERM to our groups, SIGKILL to whatever is left after 3 s. */
export async function stopTagged(ctx: FaultContext, marker: string): Promise<void> {
  for (const signal of ["TERM", "KILL"]) {
    const members = await findTagged(ctx, marker);
    if (members.length === 0) return;
    const pgids = [...new Set(members.map((p) => p.pgid))];
    // A group may vanish between ps and kill: kill's failure then means nothing; the next check decides.
    await ctx.transport.exec(killGroupArgv(signal, pgids), { signal: ctx.signal, timeoutMs: 10_000 });
    if (await waitUntil(async () => (await findTagged(ctx, marker)).length === 0, 3_000, ctx.signal)) return;
  }
}
