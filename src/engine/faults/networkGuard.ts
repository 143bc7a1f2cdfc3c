import { lookup } from "node:dns/promises";
import type { FaultContext } from "./FaultDriver";
import { exec } from "./faultExec";
import { isIPv4, type PacketMatch } from "./firewallRules";

const HOSTNAME_RE = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/;

/** IPv4 addresses of `host` as the target resolves them (resolved once, before injection). */
export async function resolveOnTarget(ctx: FaultContext, host: string): Promise<string[]> {
  if (isIPv4(host)) return [host];
  if (!HOSTNAME_RE.test(host)) throw new Error(`"${host}" is neither an IPv4 address nor a host name`);
  const r = await exec(ctx, ["getent", "ahostsv4", host]);
  const addrs = [...new Set(r.stdout.split("\n").map((l) => l.split(/\s+/)[0] ?? "").filter(isIPv4))];
  if (addrs.length === 0) throw new Error(`${host} does not resolve to an IPv4 address on ${ctx.targetName}`);
  return addrs;
}

/** The same resolution from the runner's side, for endpoints the runner itself uses. */
async function resolveHere(host: string): Promise<string[]> {
  if (isIPv4(host)) return [host];
  try {
    return (await lookup(host, { family: 4, all: true })).map((a) => a.address);
  } catch {
    return [];
  }
}

function covers(m: PacketMatch, addr: string, port: number): boolean {
  return m.daddr === addr && m.protocol !== "udp" && (m.port === undefined || m.port === port);
}

/**
 * Refuses a rule set that would cut the transport's own connection (the SSH host:port in
 * use) or the path to the Prometheus the run watches: a fault must never blind or strand
 * the runner that has to revert it.
 */
export async function refuseSelfHarm(ctx: FaultContext, matches: readonly PacketMatch[]): Promise<void> {
  const guarded: { what: string; host: string; port: number }[] = [];
  const t = ctx.target.transport;
  if (t.type === "ssh") guarded.push({ what: "the SSH connection this fault is run over", host: t.host, port: t.port });
  for (const p of ctx.protect ?? []) guarded.push({ what: "a protected endpoint (the run's Prometheus)", host: p.host, port: p.port });
  for (const g of guarded) {
    for (const addr of await resolveHere(g.host)) {
      const hit = matches.find((m) => covers(m, addr, g.port));
      if (hit) {
        throw new Error(`refusing to block ${hit.daddr}${hit.port === undefined ? "" : `:${hit.port}`}: it would cut ${g.what} (${g.host}:${g.port})`);
      }
    }
  }
}

/** Local ports whose outgoing packets a fault must let through: sshd's, when reached over SSH. */
export function keepSourcePorts(ctx: FaultContext): number[] {
  const t = ctx.target.transport;
  return t.type === "ssh" ? [t.port] : [];
}
