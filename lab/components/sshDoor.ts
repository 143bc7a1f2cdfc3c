import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runCommand } from "../docker/runCommand.js";
import { waitUntil } from "../http/probe.js";
import { ensureSshFiles, SSH_HOST, SSH_PORT, sshLoginArgs, sshPaths } from "../ssh/sshFiles.js";
import type { Component, HealthReport, LabContext } from "./Component.js";
import { assertPortsFree, healthOfProcesses, pidAlive } from "./componentHelpers.js";

const NAME = "ssh-door";
/** sshd refuses to run unless started by its absolute path. */
const SSHD = "/usr/sbin/sshd";
/** sshd's privilege-separation directory; created (and later removed) only if missing. */
const PRIVSEP_DIR = "/run/sshd";

function createdPrivsepMarker(ctx: LabContext): string {
  return join(sshPaths(ctx.state).dir, "created-run-sshd");
}

/** A real key login, the same one a transport or a fault would make. */
export async function sshLoginWorks(ctx: LabContext, knownHosts = sshPaths(ctx.state).knownHosts): Promise<HealthReport> {
  const r = await runCommand("ssh", sshLoginArgs(sshPaths(ctx.state), knownHosts, ["true"]), { timeoutMs: 8000 });
  return r.code === 0 ? { healthy: true, detail: `key login to root@${SSH_HOST}:${SSH_PORT} works` } : { healthy: false, detail: r.stderr.trim() || `ssh exit ${r.code}` };
}

/** OpenSSH on 127.0.0.1:2222: the door the SSH transport and remote faults come through. */
export const sshDoorComponent: Component = {
  name: NAME,
  dependsOn: [],
  endpoints: { ssh: `ssh -p ${SSH_PORT} -i lab/.state/ssh/user_ed25519 -o UserKnownHostsFile=lab/.state/ssh/known_hosts root@${SSH_HOST}` },

  async available(ctx) {
    if (!ctx.root) return { ok: false, reason: "sshd with root login needs root" };
    if (!existsSync(SSHD)) return { ok: false, reason: `${SSHD} not installed (apt: openssh-server)` };
    return { ok: true };
  },

  async start(ctx) {
    await assertPortsFree([SSH_PORT]);
    const p = sshPaths(ctx.state);
    await ensureSshFiles(p);
    if (!existsSync(PRIVSEP_DIR)) {
      await mkdir(PRIVSEP_DIR, { mode: 0o755 });
      await mkdir(p.dir, { recursive: true });
      await writeFile(createdPrivsepMarker(ctx), "");
    }
    // -D: stay in the foreground so the recorded PID is sshd itself; -e: log to stderr (our log file).
    const pid = await ctx.spawn(NAME, SSHD, ["-D", "-e", "-f", p.config]);
    await waitUntil(NAME, async () => ((await sshLoginWorks(ctx)).healthy ? true : "no key login yet"), { timeoutMs: 15_000, alive: pidAlive(pid) });
  },

  health: (ctx) => healthOfProcesses(ctx, NAME, () => sshLoginWorks(ctx)),

  async cleanup(ctx) {
    await rm(sshPaths(ctx.state).pidFile, { force: true });
    if (existsSync(createdPrivsepMarker(ctx))) {
      await rm(PRIVSEP_DIR, { recursive: true, force: true });
      await rm(createdPrivsepMarker(ctx), { force: true });
    }
  },
};
