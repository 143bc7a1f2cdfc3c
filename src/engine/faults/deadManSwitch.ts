import { detachedArgv, renderArgv } from "../transports/shellQuote";
import type { Transport } from "../transports/Transport";
import { assertTag } from "./firewallRules";
import { killMarkedArgv, listMarkedArgv } from "./markedProcess";

/**
 * A timer that lives on the target, not in the runner: armed before injection, it runs the
 * fault's revert argv after duration + margin unless a normal revert disarms it first. It
 * is a detached session (setsid, stdio on /dev/null) so neither a SIGKILLed runner nor a
 * dropped SSH connection takes it down; its leader's `$0` carries the fault's tag so a
 * fresh process (the sweep) can find and disarm it.
 */
const PRIV = { privileged: true } as const;

export function deadManMarker(tag: string): string {
  assertTag(tag);
  return `sc-deadman:${tag}`;
}

/** The timer's script: sleep, then every revert step (`;` not `&&`: each runs even when an earlier one finds nothing left to undo). */
export function deadManScript(revertArgv: readonly (readonly string[])[], afterMs: number): string {
  if (revertArgv.length === 0) throw new Error("a dead-man switch needs revert commands");
  const seconds = Math.max(1, Math.ceil(afterMs / 1000));
  return [`sleep ${seconds}`, ...revertArgv.map((a) => `${renderArgv(a)} >/dev/null 2>&1`)].join("; ");
}

export function armArgv(tag: string, revertArgv: readonly (readonly string[])[], afterMs: number): string[] {
  return detachedArgv(["sh", "-c", deadManScript(revertArgv, afterMs)], deadManMarker(tag));
}

/** Kills the whole timer session (leader, its script, the sleep) for this tag; a no-op when none is armed. */
export function disarmArgv(tag: string): string[] {
  return killMarkedArgv(deadManMarker(tag));
}

export interface ArmedDeadMan {
  pid: number;
  /** Epoch ms after which the target reverts by itself: the journal's deadManAt. */
  deadManAt: number;
}

export async function armDeadMan(transport: Transport, tag: string, revertArgv: readonly (readonly string[])[], afterMs: number): Promise<ArmedDeadMan> {
  const argv = armArgv(tag, revertArgv, afterMs);
  const started = Date.now();
  const r = await transport.exec(argv, { ...PRIV, timeoutMs: 15_000 });
  const pid = Number(r.stdout.trim());
  if (r.code !== 0 || !Number.isInteger(pid) || pid <= 0) throw new Error(`could not arm the dead-man switch on ${transport.targetName}: ${r.stderr.trim() || `exit ${r.code}`}`);
  return { pid, deadManAt: started + Math.max(1, Math.ceil(afterMs / 1000)) * 1000 };
}

export async function disarmDeadMan(transport: Transport, tag: string): Promise<void> {
  await transport.exec(disarmArgv(tag), { ...PRIV, timeoutMs: 15_000 });
}

export async function deadManArmed(transport: Transport, tag: string): Promise<boolean> {
  return (await transport.exec(listMarkedArgv(deadManMarker(tag)), { ...PRIV, timeoutMs: 15_000 })).code === 0;
}
