import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { findKnownKeys, knownHostsName, parseKnownHosts } from "./knownHosts";
import { TransportError } from "./Transport";

/** `SHA256:<base64 without padding>`, exactly as `ssh-keygen -lf` prints it. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash("sha256").update(key).digest("base64").replace(/=+$/, "")}`;
}

/** The key type named inside an SSH wire-format public key (its first string). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return "unknown";
  const n = key.readUInt32BE(0);
  return n > 0 && n <= 64 && key.length >= 4 + n ? key.subarray(4, 4 + n).toString("latin1") : "unknown";
}

/** Accepts the fingerprint with or without padding; refuses anything that is not SHA256. */
export function normalizeFingerprint(pinned: string): string {
  const m = /^SHA256:([A-Za-z0-9+/]{43})=?$/.exec(pinned.trim());
  if (!m) throw new Error(`hostKey "${pinned}" is not a SHA256 fingerprint as ssh-keygen -lf prints it (SHA256:<43 base64 characters>)`);
  return `SHA256:${m[1]}`;
}

export class HostKeyError extends TransportError {
  constructor(targetName: string, message: string) {
    super(targetName, message);
    this.name = "HostKeyError";
  }
}

/** Where the trusted key comes from: the inventory's pin, or a known_hosts file. */
export type HostKeyPolicy =
  | { kind: "pinned"; fingerprint: string }
  | { kind: "known-hosts"; file: string; text: string };

export async function loadHostKeyPolicy(spec: { hostKey?: string | undefined; knownHostsFile?: string | undefined }): Promise<HostKeyPolicy> {
  if (spec.hostKey !== undefined) return { kind: "pinned", fingerprint: normalizeFingerprint(spec.hostKey) };
  const file = expandHome(spec.knownHostsFile ?? "~/.ssh/known_hosts");
  let text = "";
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    // A missing file means no host is known: every connection is refused with a clear reason.
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  return { kind: "known-hosts", file, text };
}

export function expandHome(path: string): string {
  return path === "~" || path.startsWith("~/") ? join(homedir(), path.slice(1)) : path;
}

/** null when the presented key is trusted, otherwise the reason to refuse (naming both fingerprints). */
export function hostKeyProblem(policy: HostKeyPolicy, host: string, port: number, presented: Buffer): string | null {
  const got = `${fingerprint(presented)} (${keyTypeOf(presented)})`;
  const where = knownHostsName(host, port);
  if (policy.kind === "pinned") {
    return fingerprint(presented) === policy.fingerprint
      ? null
      : `host key mismatch for ${where}: expected ${policy.fingerprint} (inventory hostKey), presented ${got}; refusing to connect`;
  }
  const { trusted, revoked } = findKnownKeys(parseKnownHosts(policy.text), host, port);
  if (revoked.some((l) => l.key.equals(presented))) return `host key ${got} for ${where} is marked @revoked in ${policy.file}; refusing to connect`;
  if (trusted.some((l) => l.key.equals(presented))) return null;
  if (trusted.length === 0) {
    return `host ${where} is not in ${policy.file}: presented ${got}; pin it with hostKey in the inventory or add it to known_hosts`;
  }
  const expected = trusted.map((l) => `${fingerprint(l.key)} (${l.keyType}, line ${l.line})`).join(", ");
  return `host key mismatch for ${where}: expected ${expected} from ${policy.file}, presented ${got}; refusing to connect`;
}
