import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { httpGet, waitUntil } from "../http/probe.js";
import { LAB_HOST } from "../ports.js";
import { unmountAll } from "../docker/mountTable.js";
import { dockerdArgs, dockerPaths, ensureBusyboxImage, ensureLabContainer, LAB_CONTAINER, LAB_CONTAINER_PORT, labDockerClient } from "../docker/labDocker.js";
import type { Component, HealthReport, LabContext } from "./Component.js";
import { healthOfProcesses, pidAlive } from "./componentHelpers.js";

const NAME = "docker-engine";
const DOCKERD = "/usr/sbin/dockerd";

async function probe(ctx: LabContext): Promise<HealthReport> {
  const docker = labDockerClient(dockerPaths(ctx.state));
  try {
    await docker.ping();
    const info = await docker.getContainer(LAB_CONTAINER).inspect();
    const page = await httpGet(`http://${LAB_HOST}:${LAB_CONTAINER_PORT}/`);
    const healthy = info.State.Running && page?.status === 200;
    return { healthy, detail: `/_ping OK; ${LAB_CONTAINER} ${info.State.Status}, httpd ${page?.status ?? "no answer"}` };
  } catch (e) {
    return { healthy: false, detail: (e as Error).message };
  }
}

/**
 * Processes our dockerd started (containerd, shims) that outlived it, e.g. after a SIGKILL.
 * Recognised by our own exec-root in their argv, never by name alone.
 */
function orphanedDaemonPids(ctx: LabContext): number[] {
  const marker = dockerPaths(ctx.state).execRoot;
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (/containerd/.test(argv[0] ?? "") && argv.some((a) => a.includes(marker))) pids.push(Number(entry));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}

/** A private Docker Engine on lab/.state/docker.sock with one busybox container. */
export const dockerEngineComponent: Component = {
  name: NAME,
  dependsOn: [],
  endpoints: { "docker (lab engine)": "unix://lab/.state/docker.sock" },

  async available(ctx) {
    if (!ctx.root) return { ok: false, reason: "dockerd needs root" };
    if (!existsSync(DOCKERD)) return { ok: false, reason: `${DOCKERD} not installed (apt: docker.io)` };
    if (!existsSync("/sys/fs/cgroup/cgroup.controllers") && !existsSync("/sys/fs/cgroup/memory")) {
      return { ok: false, reason: "no cgroup filesystem mounted: dockerd cannot run containers" };
    }
    return { ok: true };
  },

  async start(ctx) {
    const p = dockerPaths(ctx.state);
    const docker = labDockerClient(p);
    if (existsSync(p.socket)) {
      const answering = await docker.ping().then(
        () => true,
        () => false,
      );
      if (answering) throw new Error(`${p.socket} already answers: a dockerd the lab did not record`);
      await rm(p.socket, { force: true });
    }
    await mkdir(p.dataRoot, { recursive: true });
    await mkdir(p.execRoot, { recursive: true });
    const pid = await ctx.spawn(NAME, DOCKERD, dockerdArgs(p));
    await waitUntil(
      NAME,
      async () =>
        docker.ping().then(
          () => true as const,
          (e: Error) => e.message,
        ),
      { timeoutMs: 30_000, alive: pidAlive(pid) },
    );
    await ensureBusyboxImage(docker, p);
    const info = await ensureLabContainer(docker);
    await waitUntil(NAME, async () => ((await probe(ctx)).healthy ? true : "container httpd not answering"), { timeoutMs: 15_000, alive: pidAlive(pid) });
    ctx.log(`dockerd on unix://${p.socket}; ${LAB_CONTAINER} running (pid ${info.State.Pid}) on ${LAB_HOST}:${LAB_CONTAINER_PORT}`);
  },

  health: (ctx) => healthOfProcesses(ctx, NAME, () => probe(ctx)),

  async cleanup(ctx) {
    const p = dockerPaths(ctx.state);
    for (const pid of orphanedDaemonPids(ctx)) {
      ctx.log(`killing orphaned ${readFileSync(`/proc/${pid}/comm`, "utf8").trim()} (pid ${pid}) of the lab's dockerd`);
      process.kill(pid, "SIGKILL");
    }
    // dockerd leaves an nsfs mount (and, after a hard kill, more) under its exec-root.
    const gone = [...(await unmountAll(p.execRoot)), ...(await unmountAll(p.dataRoot))];
    if (gone.length > 0) ctx.log(`unmounted ${gone.join(", ")}`);
    await rm(p.socket, { force: true });
    await rm(p.pidFile, { force: true });
  },
};
