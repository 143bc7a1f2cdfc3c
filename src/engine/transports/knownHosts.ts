import { createHmac } from "node:crypto";

/**
 * OpenSSH known_hosts, read the way `ssh` reads it: plain host patterns (with `*`, `?` and
 * `!` negation), `[host]:port` for non-default ports, and hashed `|1|salt|hmac` names
 * (HashKnownHosts). `@revoked` keys are kept so a revoked key is refused even if another
 * line lists it; `@cert-authority` lines are skipped (host certificates are not supported).
 */
export interface KnownHostLine {
  line: number;
  marker: "revoked" | null;
  /** Comma-separated patterns, or one hashed name. */
  hosts: string;
  keyType: string;
  key: Buffer;
}

export function parseKnownHosts(text: string): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    let words = trimmed.split(/\s+/);
    let marker: KnownHostLine["marker"] = null;
    if (words[0]?.startsWith("@")) {
      if (words[0] !== "@revoked") return;
      marker = "revoked";
      words = words.slice(1);
    }
    const [hosts, keyType, keyB64] = words;
    if (hosts === undefined || keyType === undefined || keyB64 === undefined) return;
    const key = Buffer.from(keyB64, "base64");
    if (key.length === 0) return;
    out.push({ line: index + 1, marker, hosts, keyType, key });
  });
  return out;
}

/** The name `ssh` looks up: bare host on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}

function hashedMatches(entry: string, name: string): boolean {
  const [, magic, salt, hash] = entry.split("|");
  if (magic !== "1" || salt === undefined || hash === undefined) return false;
  const mac = createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64");
  return mac === hash;
}

/** Whether a line's host field names `host:port` (a negated match excludes the line). */
export function hostsFieldMatches(hosts: string, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (hosts.startsWith("|")) return hashedMatches(hosts, name);
  let matched = false;
  for (const pattern of hosts.split(",")) {
    const negated = pattern.startsWith("!");
    const p = negated ? pattern.slice(1) : pattern;
    if (globToRegExp(p).test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

export interface KnownKeys {
  trusted: KnownHostLine[];
  revoked: KnownHostLine[];
}

export function findKnownKeys(lines: readonly KnownHostLine[], host: string, port: number): KnownKeys {
  const trusted: KnownHostLine[] = [];
  const revoked: KnownHostLine[] = [];
  for (const l of lines) {
    if (l.marker === "revoked") revoked.push(l);
    else if (hostsFieldMatches(l.hosts, host, port)) trusted.push(l);
  }
  return { trusted, revoked };
}
