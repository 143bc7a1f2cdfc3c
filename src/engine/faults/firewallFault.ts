import type { FaultType } from "../model/faultSchemas";
import type { FaultContext, PreparedFault, RevertRecord } from "./FaultDriver";
import { exec, execOk, waitUntil } from "./faultExec";
import { chainListing, plan, revertPlan, type FirewallBackend, type PacketAction, type PacketMatch } from "./firewallRules";
import { keepSourcePorts, refuseSelfHarm } from "./networkGuard";

/**
 * What the journal keeps for a packet-filter fault: the rule set itself, so inject and
 * revert are rebuilt from it (in this process or in the sweep's) rather than trusted as text.
 */
export interface FirewallRecord extends RevertRecord {
  backend: FirewallBackend;
  chain: string;
  tag: string;
  matches: PacketMatch[];
  action: PacketAction;
  keep: number[];
}

const PRIV = { privileged: true } as const;

export async function chooseBackend(ctx: FaultContext): Promise<FirewallBackend> {
  if (await ctx.transport.hasCommand("nft")) return "nft";
  if (await ctx.transport.hasCommand("iptables")) return "iptables";
  throw new Error(`${ctx.targetName} has neither nft nor iptables`);
}

/** Plans tagged rules after refusing anything that would cut the runner's own paths. */
export async function prepareFirewall(ctx: FaultContext, type: FaultType, summary: string, matches: PacketMatch[], action: PacketAction): Promise<PreparedFault> {
  await refuseSelfHarm(ctx, matches);
  const backend = await chooseBackend(ctx);
  const keep = keepSourcePorts(ctx);
  const p = plan(backend, ctx.tag, matches, action, keep);
  const revert: FirewallRecord = { type, backend, chain: p.chain, tag: ctx.tag, matches, action, keep };
  return {
    summary: `${summary} on ${ctx.targetName} (${backend}, chain ${p.chain})`,
    commands: p.inject.map((a) => ctx.transport.render(a, PRIV)),
    revertCommands: p.revert.map((a) => ctx.transport.render(a, PRIV)),
    revertArgv: p.revert,
    revert,
    reversible: true,
  };
}

function rebuild(record: RevertRecord) {
  const rec = record as FirewallRecord;
  return { rec, plan: plan(rec.backend, rec.tag, rec.matches, rec.action, rec.keep) };
}

export async function injectFirewall(ctx: FaultContext, prepared: PreparedFault): Promise<void> {
  for (const argv of rebuild(prepared.revert).plan.inject) await execOk(ctx, argv, PRIV);
}

async function chainPresent(ctx: FaultContext, record: RevertRecord): Promise<boolean> {
  const { rec } = rebuild(record);
  const r = await exec(ctx, chainListing(rec.backend, rec.chain), PRIV);
  return r.code === 0 && r.stdout.includes(rec.tag);
}

export function firewallPresent(ctx: FaultContext, prepared: PreparedFault): Promise<boolean> {
  return chainPresent(ctx, prepared.revert);
}

export async function revertFirewall(ctx: FaultContext, record: RevertRecord): Promise<void> {
  const { rec } = rebuild(record);
  // Every step is idempotent; one failing because its chain is already gone (a dead-man switch or an earlier revert ran) is expected.
  for (const argv of revertPlan(rec.backend, rec.chain, rec.tag)) await exec(ctx, argv, PRIV);
}

export async function firewallGone(ctx: FaultContext, record: RevertRecord): Promise<boolean> {
  return waitUntil(async () => !(await chainPresent(ctx, record)), 2000, ctx.signal);
}
