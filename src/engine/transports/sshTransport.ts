import { readFile } from "node:fs/promises";
import type { Target } from "../model/inventorySchema";
import type { SecretResolver } from "../probes/ProbeDriver";
import { parseKnownHosts, findKnownKeys } from "./knownHosts";
import { quoteWord, renderArgv } from "./shellQuote";
import { closeSshConnection, openSshConnection, type SshConnection, type SshEndpoint } from "./sshConnection";
import { expandHome, loadHostKeyPolicy } from "./sshHostKey";
import { TransportError, type ExecOptions, type ExecResult, type Transport } from "./Transport";
import type { SshTransportSpec } from "./transportPool";

const MAX_OUTPUT = 8 * 1024 * 1024;

/** The command line sshd hands to the user's shell: every word quoted, sudo -n when asked. */
export function remoteCommand(spec: Pick<SshTransportSpec, "sudo" | "user">, argv: readonly string[], privileged: boolean): string {
  const words = privileged && spec.sudo && spec.user !== "root" ? ["sudo", "-n", "--", ...argv] : argv;
  return renderArgv(words);
}

/** A command a person can paste: the remote line is quoted once more for the local shell. */
export function renderSsh(spec: Pick<SshTransportSpec, "sudo" | "user" | "host" | "port">, argv: readonly string[], privileged: boolean): string {
  return `ssh ${quoteWord(`${spec.user}@${spec.host}`)} -p ${spec.port} -- ${quoteWord(remoteCommand(spec, argv, privileged))}`;
}

/** ssh2 names RSA host keys by signature algorithm; known_hosts by key type. */
function hostKeyAlgorithms(keyType: string): string[] {
  return keyType === "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [keyType];
}

export async function sshEndpoint(name: string, spec: SshTransportSpec, secrets: SecretResolver): Promise<SshEndpoint> {
  const policy = await loadHostKeyPolicy(spec);
  const auth: SshEndpoint["auth"] = {};
  if (spec.keyFile !== undefined) auth.privateKey = await readFile(expandHome(spec.keyFile));
  if (spec.passphrase !== undefined) {
    const value = await secrets(spec.passphrase.secret);
    if (value === undefined) throw new TransportError(name, `secret ${spec.passphrase.secret} (the key's passphrase) is not set`);
    auth.passphrase = value;
  }
  if (spec.agent) {
    const sock = process.env.SSH_AUTH_SOCK;
    if (!sock) throw new TransportError(name, "agent: true but SSH_AUTH_SOCK is not set");
    auth.agent = sock;
  }
  if (auth.privateKey === undefined && auth.agent === undefined) throw new TransportError(name, "ssh needs keyFile or agent: true");
  const known = policy.kind === "known-hosts" ? findKnownKeys(parseKnownHosts(policy.text), spec.host, spec.port).trusted : [];
  const hostKeyTypes = [...new Set(known.flatMap((l) => hostKeyAlgorithms(l.keyType)))];
  return { targetName: name, host: spec.host, port: spec.port, user: spec.user, policy, auth, hostKeyTypes };
}

/**
 * Runs argv on a host over one pooled ssh2 connection. The connection (and so the host-key
 * check) is made here, before the transport is handed out: a refused host never runs anything.
 */
export async function createSshTransport(name: string, spec: SshTransportSpec, _target: Target, secrets: SecretResolver): Promise<Transport> {
  const conn = openSshConnection(await sshEndpoint(name, spec, secrets));
  try {
    await conn.ready();
  } catch (e) {
    closeSshConnection(conn);
    throw e;
  }
  let closed = false;
  return {
    kind: "ssh",
    targetName: name,
    exec: (argv, options) => execSsh(conn, name, remoteCommand(spec, argv, options?.privileged ?? false), argv[0] ?? "", options ?? {}),
    render: (argv, options) => renderSsh(spec, argv, options?.privileged ?? false),
    async hasCommand(command) {
      const r = await execSsh(conn, name, renderArgv(["sh", "-c", 'command -v -- "$1" >/dev/null 2>&1', "sh", command]), "sh", {});
      return r.code === 0;
    },
    async close() {
      if (!closed) closeSshConnection(conn);
      closed = true;
    },
  };
}

async function execSsh(conn: SshConnection, name: string, command: string, file: string, options: ExecOptions): Promise<ExecResult> {
  if (options.signal?.aborted) throw new TransportError(name, `aborted before running ${file}`);
  let opened;
  try {
    opened = await conn.channel(command);
  } catch {
    // The channel never opened (connection lost): one reconnect, the command has not run yet.
    opened = await conn.channel(command);
  }
  const { stream, release } = opened;
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let code: number | null = null;
    let signal: string | null = null;
    let failure: TransportError | undefined;
    const stop = (message: string): void => {
      failure ??= new TransportError(name, message);
      stream.signal("KILL");
      stream.close();
    };
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop(`${file} timed out after ${options.timeoutMs} ms`), options.timeoutMs);
    const onAbort = (): void => stop(`${file} aborted`);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    stream.on("data", (b: Buffer) => {
      if (outLen < MAX_OUTPUT) out.push(b);
      outLen += b.length;
    });
    stream.stderr.on("data", (b: Buffer) => {
      if (errLen < MAX_OUTPUT) err.push(b);
      errLen += b.length;
    });
    stream.on("exit", (c: number | null, s?: string) => {
      code = c;
      signal = s ?? null;
    });
    stream.on("error", (e: Error) => stop(e.message));
    stream.on("close", () => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      release();
      if (failure) reject(failure);
      else if (code === null && signal === null) reject(new TransportError(name, `${file}: connection lost before the command finished`));
      else resolve({ code, signal: signal === null ? null : `SIG${signal}`, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
    stream.end(options.stdin ?? "");
  });
}
