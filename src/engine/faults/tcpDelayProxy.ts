import { detachedArgv } from "../transports/shellQuote";
import type { FaultContext, PreparedFault, RevertRecord } from "./FaultDriver";
import { exec, execOk, waitUntil } from "./faultExec";
import { assertChain, chainFor, isIPv4, NFT_DROP_EMPTY_TABLE, NFT_TABLE } from "./firewallRules";
import { killMarkedArgv, listMarkedArgv } from "./markedProcess";
import { PROXY_GID, proxyDrainMs, TCP_DELAY_PROXY_SCRIPT } from "./tcpDelayProxyScript";

/**
 * A userspace TCP delay proxy on the target, for hosts without netem (or without root):
 * started detached and marked with the fault's tag; with `redirect` a tagged nft NAT rule
 * sends the target's connections for upstream through it, so clients need no change.
 */
export interface ProxyEndpoint {
  host: string;
  port: number;
}

export interface ProxyRecord extends RevertRecord {
  tag: string;
  listen: ProxyEndpoint;
  upstream: ProxyEndpoint;
  delayMs: number;
  jitterMs: number;
  /** nft chain of the NAT redirect, or null without redirect. */
  chain: string | null;
}

const PRIV = { privileged: true } as const;

export function parseEndpoint(text: string, what: string): ProxyEndpoint {
  const m = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  const port = Number(m?.[2]);
  if (!m || port < 1 || port > 65535) throw new Error(`${what} "${text}" is not host:port`);
  return { host: m[1] ?? "", port };
}

export function proxyMarker(tag: string): string {
  return `sc-proxy:${tag}`;
}

export function proxyStartArgv(rec: ProxyRecord): string[] {
  const gid = rec.chain === null ? "-" : String(PROXY_GID);
  const drain = String(proxyDrainMs(rec.delayMs, rec.jitterMs));
  // The marker goes last on node's own command line too (the script ignores it): while the
  // reverted proxy drains after its session leader is gone, it is still found as running.
  const marker = proxyMarker(rec.tag);
  const node = ["node", "-e", TCP_DELAY_PROXY_SCRIPT, rec.listen.host, String(rec.listen.port), rec.upstream.host, String(rec.upstream.port), String(rec.delayMs), String(rec.jitterMs), gid, drain, marker];
  return detachedArgv(node, marker);
}

/** Connections from the target to upstream (other than the proxy's own) go to the proxy's port. */
export function redirectArgv(rec: ProxyRecord): string[] {
  if (rec.chain === null) throw new Error("no redirect planned");
  assertChain(rec.chain);
  if (!isIPv4(rec.upstream.host)) throw new Error(`redirect needs an IPv4 upstream, not ${rec.upstream.host}`);
  const c = `${rec.chain}_n`;
  return [
    "nft",
    [
      `add table inet ${NFT_TABLE}`,
      `add chain inet ${NFT_TABLE} ${c} { type nat hook output priority -100; policy accept; }`,
      `add rule inet ${NFT_TABLE} ${c} meta skgid != ${PROXY_GID} ip daddr ${rec.upstream.host} tcp dport ${rec.upstream.port} redirect to :${rec.listen.port} comment "${rec.tag}"`,
    ].join("; "),
  ];
}

export function proxyRevertArgv(rec: ProxyRecord): string[][] {
  const out: string[][] = [];
  if (rec.chain !== null) {
    assertChain(rec.chain);
    out.push(["nft", `flush chain inet ${NFT_TABLE} ${rec.chain}_n; delete chain inet ${NFT_TABLE} ${rec.chain}_n`], NFT_DROP_EMPTY_TABLE);
  }
  out.push(killMarkedArgv(proxyMarker(rec.tag)));
  return out;
}

export function planProxy(ctx: FaultContext, type: ProxyRecord["type"], listen: string, upstream: string, delayMs: number, jitterMs: number, redirect: boolean): ProxyRecord {
  return {
    type,
    tag: ctx.tag,
    listen: parseEndpoint(listen, "listen"),
    upstream: parseEndpoint(upstream, "upstream"),
    delayMs,
    jitterMs,
    chain: redirect ? chainFor(ctx.tag) : null,
  };
}

export function preparedProxy(ctx: FaultContext, rec: ProxyRecord, summary: string): PreparedFault {
  const inject = [proxyStartArgv(rec), ...(rec.chain === null ? [] : [redirectArgv(rec)])];
  const revertArgv = proxyRevertArgv(rec);
  return {
    summary,
    commands: inject.map((a) => ctx.transport.render(a, PRIV)),
    revertCommands: revertArgv.map((a) => ctx.transport.render(a, PRIV)),
    revertArgv,
    revert: rec,
    reversible: true,
  };
}

async function listening(ctx: FaultContext, rec: ProxyRecord): Promise<boolean> {
  // The proxy accepts a connection on its port: a fixed probe script, endpoint passed as arguments.
  const probe = 'require("net").connect(Number(process.argv[2]), process.argv[1]).on("connect", () => process.exit(0)).on("error", () => process.exit(1))';
  return (await exec(ctx, ["node", "-e", probe, rec.listen.host, String(rec.listen.port)], { timeoutMs: 5000 })).code === 0;
}

/** Starts the proxy, waits until it accepts, then installs the redirect (so no connection is redirected into nothing). */
export async function injectProxy(ctx: FaultContext, record: RevertRecord): Promise<void> {
  const rec = record as ProxyRecord;
  await execOk(ctx, proxyStartArgv(rec), PRIV);
  if (!(await waitUntil(() => listening(ctx, rec), 5000, ctx.signal, 100))) throw new Error(`delay proxy did not start listening on ${rec.listen.host}:${rec.listen.port}`);
  if (rec.chain !== null) await execOk(ctx, redirectArgv(rec), PRIV);
}

async function redirectPresent(ctx: FaultContext, rec: ProxyRecord): Promise<boolean> {
  if (rec.chain === null) return false;
  const r = await exec(ctx, ["nft", "list", "chain", "inet", NFT_TABLE, `${rec.chain}_n`], PRIV);
  return r.code === 0 && r.stdout.includes(rec.tag);
}

async function proxyRunning(ctx: FaultContext, rec: ProxyRecord): Promise<boolean> {
  return (await exec(ctx, listMarkedArgv(proxyMarker(rec.tag)), PRIV)).code === 0;
}

export async function proxyActive(ctx: FaultContext, record: RevertRecord): Promise<boolean> {
  const rec = record as ProxyRecord;
  return (await proxyRunning(ctx, rec)) && (rec.chain === null || (await redirectPresent(ctx, rec)));
}

/** Redirect first, then the proxy: connections never go to a port nobody listens on. */
export async function revertProxy(ctx: FaultContext, record: RevertRecord): Promise<void> {
  for (const argv of proxyRevertArgv(record as ProxyRecord)) await exec(ctx, argv, PRIV);
}

export async function proxyGone(ctx: FaultContext, record: RevertRecord): Promise<boolean> {
  const rec = record as ProxyRecord;
  // A draining proxy exits within its drain time once its last answer in flight is out.
  const within = proxyDrainMs(rec.delayMs, rec.jitterMs) + 3000;
  return waitUntil(async () => !(await proxyRunning(ctx, rec)) && !(await redirectPresent(ctx, rec)), within, ctx.signal, 100);
}
