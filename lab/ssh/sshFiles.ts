import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runChecked } from "../docker/runCommand.js";

export const SSH_PORT = 2222;
export const SSH_HOST = "127.0.0.1";

export interface SshPaths {
  dir: string;
  hostKey: string;
  userKey: string;
  authorizedKeys: string;
  config: string;
  pidFile: string;
  knownHosts: string;
  fingerprint: string;
}

export function sshPaths(state: string): SshPaths {
  const dir = join(state, "ssh");
  return {
    dir,
    hostKey: join(dir, "host_ed25519"),
    userKey: join(dir, "user_ed25519"),
    authorizedKeys: join(dir, "authorized_keys"),
    config: join(dir, "sshd_config"),
    pidFile: join(dir, "sshd.pid"),
    knownHosts: join(dir, "known_hosts"),
    fingerprint: join(dir, "host_fingerprint"),
  };
}

export function sshdConfig(p: SshPaths): string {
  return [
    `Port ${SSH_PORT}`,
    `ListenAddress ${SSH_HOST}`,
    `HostKey ${p.hostKey}`,
    `PidFile ${p.pidFile}`,
    `AuthorizedKeysFile ${p.authorizedKeys}`,
    // Key-only root login, as a hardened home server would have it.
    "PermitRootLogin prohibit-password",
    "PubkeyAuthentication yes",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    // The keys live in the repo's lab/.state, whose modes sshd's strict checks would refuse.
    "StrictModes no",
    "Subsystem sftp internal-sftp",
    "",
  ].join("\n");
}

/**
 * Host and user keys (kept across restarts so known_hosts stays valid), the server config,
 * and the client's view: known_hosts with `[127.0.0.1]:2222 ssh-ed25519 …` and the SHA256
 * fingerprint as `ssh-keygen -lf` prints it.
 */
export async function ensureSshFiles(p: SshPaths): Promise<void> {
  await mkdir(p.dir, { recursive: true });
  for (const key of [p.hostKey, p.userKey]) {
    if (!existsSync(key)) await runChecked("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "surveillance-chaos-lab", "-f", key]);
  }
  await writeFile(p.authorizedKeys, await readFile(`${p.userKey}.pub`, "utf8"), { mode: 0o600 });
  await writeFile(p.config, sshdConfig(p));
  const [type, blob] = (await readFile(`${p.hostKey}.pub`, "utf8")).trim().split(/\s+/);
  await writeFile(p.knownHosts, `[${SSH_HOST}]:${SSH_PORT} ${type} ${blob}\n`);
  await writeFile(p.fingerprint, await runChecked("ssh-keygen", ["-lf", `${p.hostKey}.pub`]));
}

/** argv of a non-interactive client login that trusts only the given known_hosts file. */
export function sshLoginArgs(p: Pick<SshPaths, "userKey">, knownHosts: string, command: readonly string[]): string[] {
  return [
    "-F",
    "/dev/null",
    "-p",
    String(SSH_PORT),
    "-i",
    p.userKey,
    "-o",
    `UserKnownHostsFile=${knownHosts}`,
    "-o",
    "GlobalKnownHostsFile=/dev/null",
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    "BatchMode=yes",
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    "ConnectTimeout=5",
    `root@${SSH_HOST}`,
    ...command,
  ];
}
