import { createHash } from "node:crypto";

/**
 * Packet-filter rules for network faults, as argv. Every fault gets chains of its own,
 * named from its tag, inside our own table (`inet surveillance_chaos`) with every rule
 * commented with the tag; revert removes those chains and nothing else, then the table
 * once no fault has a chain left in it. iptables (when nft is missing) gets the same shape:
 * an own chain per fault jumped to from OUTPUT/FORWARD by a tagged rule.
 */
export const NFT_TABLE = "surveillance_chaos";
export type FirewallBackend = "nft" | "iptables";

export interface PacketMatch {
  /** IPv4 address (already resolved). */
  daddr: string;
  port?: number | undefined;
  protocol: "tcp" | "udp" | "all";
}

export type PacketAction = { kind: "drop" } | { kind: "reject" } | { kind: "loss"; percent: number };

export interface RulePlan {
  backend: FirewallBackend;
  /** Base name of the fault's own chains. */
  chain: string;
  inject: string[][];
  /** Safe to run again: the dead-man switch runs them blindly. */
  revert: string[][];
}

const TAG_RE = /^[A-Za-z0-9_.:-]{1,100}$/;
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const CHAIN_RE = /^sc_[0-9a-f]{12}$/;

export function isIPv4(s: string): boolean {
  return IPV4_RE.test(s);
}

export function assertTag(tag: string): void {
  if (!TAG_RE.test(tag)) throw new Error(`fault tag "${tag}" must match ${TAG_RE}`);
}

/** Chain names are derived from the tag, so a fresh process (the sweep) finds them again. */
export function chainFor(tag: string): string {
  assertTag(tag);
  return `sc_${createHash("sha256").update(tag).digest("hex").slice(0, 12)}`;
}

export function assertChain(chain: string): void {
  if (!CHAIN_RE.test(chain)) throw new Error(`"${chain}" is not a chain this tool creates`);
}

/** Base chains a fault hooks: OUTPUT for the target's own traffic, FORWARD for its containers'. */
const HOOKS = [
  { hook: "output", suffix: "o", builtin: "OUTPUT" },
  { hook: "forward", suffix: "f", builtin: "FORWARD" },
] as const;

function nftMatch(m: PacketMatch): string {
  const words = [`ip daddr ${m.daddr}`];
  if (m.protocol === "all") {
    if (m.port !== undefined) words.push(`meta l4proto { tcp, udp } th dport ${m.port}`);
  } else {
    words.push(m.port !== undefined ? `${m.protocol} dport ${m.port}` : `meta l4proto ${m.protocol}`);
  }
  return words.join(" ");
}

function nftVerdict(m: PacketMatch, action: PacketAction): string {
  // numgen's range is 0-99: 100% is a plain drop.
  if (action.kind === "loss") return action.percent >= 100 ? "drop" : `numgen random mod 100 < ${Math.round(action.percent)} drop`;
  if (action.kind === "reject") return m.protocol === "tcp" ? "reject with tcp reset" : "reject";
  return "drop";
}

/**
 * `keepSourcePorts`: local ports whose outgoing packets are accepted before any of the
 * fault's drops (sshd's port when the target is reached over SSH), so the transport's own
 * connection survives whatever address the runner comes from.
 */
export function nftPlan(tag: string, matches: readonly PacketMatch[], action: PacketAction, keepSourcePorts: readonly number[]): RulePlan {
  const chain = chainFor(tag);
  const comment = `comment "${tag}"`;
  const cmds = [`add table inet ${NFT_TABLE}`];
  for (const h of HOOKS) {
    const c = `${chain}_${h.suffix}`;
    cmds.push(`add chain inet ${NFT_TABLE} ${c} { type filter hook ${h.hook} priority -5; policy accept; }`);
    if (h.hook === "output") for (const p of keepSourcePorts) cmds.push(`add rule inet ${NFT_TABLE} ${c} tcp sport ${p} accept ${comment}`);
    for (const m of matches) cmds.push(`add rule inet ${NFT_TABLE} ${c} ${nftMatch(m)} counter ${nftVerdict(m, action)} ${comment}`);
  }
  return { backend: "nft", chain, inject: [["nft", cmds.join("; ")]], revert: nftRevert(chain) };
}

/** Removes the fault's chains (one transaction per chain, so one already gone does not block the other), then the table if empty. */
export function nftRevert(chain: string): string[][] {
  assertChain(chain);
  return [
    ...HOOKS.map((h) => ["nft", `flush chain inet ${NFT_TABLE} ${chain}_${h.suffix}; delete chain inet ${NFT_TABLE} ${chain}_${h.suffix}`]),
    NFT_DROP_EMPTY_TABLE,
  ];
}

/** A fixed script (no input): deletes our table only when no chain is left in it. */
export const NFT_DROP_EMPTY_TABLE = ["sh", "-c", `nft list table inet ${NFT_TABLE} >/dev/null 2>&1 || exit 0; nft list table inet ${NFT_TABLE} | grep -q '^[[:space:]]*chain ' || nft delete table inet ${NFT_TABLE}`];

export function nftChainListing(chain: string, suffix: "o" | "f" = "o"): string[] {
  assertChain(chain);
  return ["nft", "list", "chain", "inet", NFT_TABLE, `${chain}_${suffix}`];
}

function iptablesMatch(m: PacketMatch): string[] {
  const words = ["-d", `${m.daddr}/32`];
  if (m.protocol !== "all") words.push("-p", m.protocol);
  if (m.port !== undefined) {
    if (m.protocol === "all") throw new Error("iptables needs protocol tcp or udp to match a port");
    words.push("--dport", String(m.port));
  }
  return words;
}

function iptablesTarget(m: PacketMatch, action: PacketAction): string[] {
  if (action.kind === "loss") return ["-m", "statistic", "--mode", "random", "--probability", (action.percent / 100).toFixed(4), "-j", "DROP"];
  if (action.kind === "reject") return m.protocol === "tcp" ? ["-j", "REJECT", "--reject-with", "tcp-reset"] : ["-j", "REJECT"];
  return ["-j", "DROP"];
}

export function iptablesPlan(tag: string, matches: readonly PacketMatch[], action: PacketAction, keepSourcePorts: readonly number[]): RulePlan {
  const chain = chainFor(tag);
  const c = chain.toUpperCase();
  const comment = ["-m", "comment", "--comment", tag];
  const inject: string[][] = [["iptables", "-w", "-N", c]];
  for (const p of keepSourcePorts) inject.push(["iptables", "-w", "-A", c, "-p", "tcp", "--sport", String(p), ...comment, "-j", "RETURN"]);
  for (const m of matches) inject.push(["iptables", "-w", "-A", c, ...iptablesMatch(m), ...comment, ...iptablesTarget(m, action)]);
  for (const h of HOOKS) inject.push(["iptables", "-w", "-I", h.builtin, "1", ...comment, "-j", c]);
  return { backend: "iptables", chain, inject, revert: iptablesRevert(chain, tag) };
}

export function iptablesRevert(chain: string, tag: string): string[][] {
  assertChain(chain);
  assertTag(tag);
  const c = chain.toUpperCase();
  return [
    ...HOOKS.map((h) => ["iptables", "-w", "-D", h.builtin, "-m", "comment", "--comment", tag, "-j", c]),
    ["iptables", "-w", "-F", c],
    ["iptables", "-w", "-X", c],
  ];
}

export function iptablesChainListing(chain: string): string[] {
  assertChain(chain);
  return ["iptables", "-w", "-S", chain.toUpperCase()];
}

export function plan(backend: FirewallBackend, tag: string, matches: readonly PacketMatch[], action: PacketAction, keep: readonly number[]): RulePlan {
  return backend === "nft" ? nftPlan(tag, matches, action, keep) : iptablesPlan(tag, matches, action, keep);
}

export function revertPlan(backend: FirewallBackend, chain: string, tag: string): string[][] {
  return backend === "nft" ? nftRevert(chain) : iptablesRevert(chain, tag);
}

export function chainListing(backend: FirewallBackend, chain: string): string[] {
  return backend === "nft" ? nftChainListing(chain) : iptablesChainListing(chain);
}
