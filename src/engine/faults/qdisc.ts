/**
 * tc qdiscs owned by us. Each fault kind has a reserved root handle; tc deletes by that
 * handle (`tc qdisc del dev X root handle H:`), and the kernel refuses when the root is not
 * H:, so revert (and the dead-man switch, and the sweep) can never remove a qdisc someone
 * else installed. Inject refuses to replace any non-default root qdisc.
 */
export const NETEM_HANDLE = "5c3a:";
export const TBF_HANDLE = "5c3b:";
const IFACE_RE = /^[A-Za-z0-9_.:-]{1,15}$/;

export interface RootQdisc {
  kind: string;
  handle: string;
}

export function assertInterface(dev: string): void {
  if (!IFACE_RE.test(dev)) throw new Error(`"${dev}" is not an interface name`);
}

/** The root qdisc from `tc qdisc show dev X` ("qdisc noqueue 0: root refcnt 2"). */
export function parseRootQdisc(text: string): RootQdisc | null {
  for (const line of text.split("\n")) {
    const m = /^qdisc (\S+) ([0-9a-f]+:)\s+root\b/.exec(line.trim());
    if (m) return { kind: m[1] ?? "", handle: m[2] ?? "" };
  }
  return null;
}

/** Why we must not install our root qdisc over what is there, or null when it is a kernel default (handle 0:). */
export function rootConflict(root: RootQdisc | null, dev: string): string | null {
  if (root === null || root.handle === "0:") return null;
  if (root.handle === NETEM_HANDLE || root.handle === TBF_HANDLE) return `${dev} already has our ${root.kind} qdisc ${root.handle} (another fault, or one left for the sweep)`;
  return `${dev} has a ${root.kind} root qdisc (handle ${root.handle}) we did not create; refusing to replace it`;
}

export function showArgv(dev: string): string[] {
  assertInterface(dev);
  return ["tc", "qdisc", "show", "dev", dev];
}

export function deleteArgv(dev: string, handle: string): string[] {
  assertInterface(dev);
  if (handle !== NETEM_HANDLE && handle !== TBF_HANDLE) throw new Error(`${handle} is not a handle of ours`);
  return ["tc", "qdisc", "del", "dev", dev, "root", "handle", handle];
}

/** Probes netem in a throwaway network namespace: changes nothing on the target. */
export const NETEM_PROBE = ["unshare", "-n", "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"];
