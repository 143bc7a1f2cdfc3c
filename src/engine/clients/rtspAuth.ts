import { createHash, randomBytes } from "node:crypto";

export interface RtspCredentials {
  username: string;
  password: string;
}

export interface AuthChallenge {
  scheme: "basic" | "digest";
  params: Record<string, string>;
}

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/** Reads `Digest realm="x", nonce="y", qop="auth"` (quoted or bare values). */
export function parseChallenge(header: string): AuthChallenge | undefined {
  const m = /^\s*(\w+)\s*(.*)$/s.exec(header);
  const scheme = m?.[1]?.toLowerCase();
  if (scheme !== "basic" && scheme !== "digest") return undefined;
  const params: Record<string, string> = {};
  for (const p of (m?.[2] ?? "").matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) {
    const key = p[1];
    if (key !== undefined) params[key.toLowerCase()] = (p[2] ?? p[3] ?? "").replace(/\\(.)/g, "$1");
  }
  return { scheme, params };
}

/** Digest is preferred over Basic: it does not send the password. */
export function pickChallenge(headers: readonly string[]): AuthChallenge | undefined {
  const parsed = headers.map(parseChallenge).filter((c): c is AuthChallenge => c !== undefined);
  return parsed.find((c) => c.scheme === "digest") ?? parsed.find((c) => c.scheme === "basic");
}

/** The Authorization header answering `challenge` for `method uri` (RFC 2617, MD5, qop auth or none). */
export function authorization(challenge: AuthChallenge, creds: RtspCredentials, method: string, uri: string, cnonce = randomBytes(8).toString("hex")): string {
  if (challenge.scheme === "basic") return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
  const { realm = "", nonce = "", opaque, qop } = challenge.params;
  const ha1 = md5(`${creds.username}:${realm}:${creds.password}`);
  const ha2 = md5(`${method}:${uri}`);
  const useQop = qop?.split(",").map((q) => q.trim()).includes("auth") === true;
  const nc = "00000001";
  const response = useQop ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`) : md5(`${ha1}:${nonce}:${ha2}`);
  const parts = [`username="${creds.username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, `response="${response}"`];
  if (opaque !== undefined) parts.push(`opaque="${opaque}"`);
  if (useQop) parts.push("qop=auth", `nc=${nc}`, `cnonce="${cnonce}"`);
  return `Digest ${parts.join(", ")}`;
}
