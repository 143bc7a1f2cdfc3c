import { isIPv4 } from "./firewallRules";
import { assertInterface, NETEM_HANDLE } from "./qdisc";

export interface NetemSpec {
  dev: string;
  delayMs: number;
  jitterMs?: number | undefined;
  correlation?: number | undefined;
  loss?: number | undefined;
  /** Only traffic to this address (and port) is delayed; all of dev's otherwise. */
  host?: string | undefined;
  port?: number | undefined;
}

/** The band the filter sends matching packets to: prio's default priomap only uses bands 1-3. */
const BAND = "4";
const NETEM_CHILD = "5c3c:";

function netemArgs(s: NetemSpec): string[] {
  const out = ["netem", "delay", `${s.delayMs}ms`];
  if (s.jitterMs !== undefined) out.push(`${s.jitterMs}ms`);
  if (s.jitterMs !== undefined && s.correlation !== undefined) out.push(`${s.correlation}%`);
  if (s.loss !== undefined) out.push("loss", `${s.loss}%`);
  return out;
}

/**
 * netem on the whole interface, or (with host) under our own prio root with a u32 filter,
 * so only traffic to host[:port] waits. Everything hangs from our reserved root handle.
 */
export function netemInjectArgv(s: NetemSpec): string[][] {
  assertInterface(s.dev);
  const root = ["tc", "qdisc", "add", "dev", s.dev, "root", "handle", NETEM_HANDLE];
  if (s.host === undefined) return [[...root, ...netemArgs(s)]];
  if (!isIPv4(s.host)) throw new Error(`netem filter needs an IPv4 address, not ${s.host}`);
  const match = ["match", "ip", "dst", `${s.host}/32`, ...(s.port === undefined ? [] : ["match", "ip", "dport", String(s.port), "0xffff"])];
  return [
    [...root, "prio", "bands", BAND],
    ["tc", "qdisc", "add", "dev", s.dev, "parent", `${NETEM_HANDLE}${BAND}`, "handle", NETEM_CHILD, ...netemArgs(s)],
    ["tc", "filter", "add", "dev", s.dev, "parent", NETEM_HANDLE, "protocol", "ip", "prio", "1", "u32", ...match, "flowid", `${NETEM_HANDLE}${BAND}`],
  ];
}
