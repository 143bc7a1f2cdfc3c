import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { isMountPoint, unmountAll } from "../docker/mountTable.js";
import { runChecked } from "../docker/runCommand.js";
import { httpGet, waitUntil } from "../http/probe.js";
import { LAB_HOST, labPorts, labUrl } from "../ports.js";
import type { Component, HealthReport, LabContext } from "./Component.js";
import { assertPortsFree, healthOfProcesses, pidAlive, tsxProgram } from "./componentHelpers.js";

const NAME = "loki-standin";
/** Small on purpose: filling it (CT-03) takes well under a second. */
export const LOKI_CHUNKS_BYTES = 16 * 1024 * 1024;

export function lokiChunksDir(ctx: LabContext): string {
  return join(ctx.state, "loki", "chunks");
}

async function probe(): Promise<HealthReport> {
  const res = await httpGet(labUrl(labPorts.loki, "/ready"));
  return res?.status === 200 ? { healthy: true, detail: "GET /ready → 200" } : { healthy: false, detail: `GET /ready → ${res?.status ?? "no answer"}` };
}

/**
 * Loki stand-in (Grafana Loki is not packaged here): the lab's log store on 3100. As root
 * its chunk directory is a 16 MiB tmpfs, so "disk full" is the kernel's own ENOSPC;
 * otherwise the stand-in enforces the same size as a byte cap.
 */
export const lokiStandinComponent: Component = {
  name: NAME,
  dependsOn: [],
  endpoints: { "loki (stand-in)": labUrl(labPorts.loki) },
  available: async () => ({ ok: true }),

  async start(ctx) {
    await assertPortsFree([labPorts.loki]);
    const chunks = lokiChunksDir(ctx);
    await mkdir(chunks, { recursive: true });
    if (ctx.root && !(await isMountPoint(chunks))) {
      await runChecked("mount", ["-t", "tmpfs", "-o", `size=${LOKI_CHUNKS_BYTES},mode=0755`, "loki-standin-chunks", chunks]);
    }
    const capBytes = ctx.root ? 0 : LOKI_CHUNKS_BYTES;
    const [node, args] = tsxProgram(ctx, "lab/loki-standin/main.ts", [
      "--listen",
      `${LAB_HOST}:${labPorts.loki}`,
      "--data",
      chunks,
      "--cap-bytes",
      String(capBytes),
    ]);
    const pid = await ctx.spawn(NAME, node, args, { cwd: ctx.repo });
    await waitUntil(NAME, async () => ((await probe()).healthy ? true : "not ready"), { timeoutMs: 15_000, alive: pidAlive(pid) });
    ctx.log(`chunks in ${chunks} (${ctx.root ? "16 MiB tmpfs" : "16 MiB byte cap"})`);
  },

  health: (ctx) => healthOfProcesses(ctx, NAME, probe),

  async cleanup(ctx) {
    const gone = await unmountAll(lokiChunksDir(ctx));
    if (gone.length > 0) ctx.log(`unmounted ${gone.join(", ")}`);
  },
};
