import { existsSync } from "node:fs";
import { httpGet, waitUntil } from "../http/probe.js";
import { LAB_HOST, labPorts, labUrl } from "../ports.js";
import type { Component, HealthReport } from "./Component.js";
import { assertPortsFree, healthOfProcesses, pidAlive } from "./componentHelpers.js";

const NAME = "node-exporter";
const BINARY = "/usr/bin/prometheus-node-exporter";
/** The collectors the plan's probes read (CPU, memory, disk, network); the rest is noise at 1 s scrapes. */
const COLLECTORS = ["cpu", "meminfo", "loadavg", "filesystem", "diskstats", "netdev", "stat", "time", "uname"];

async function probe(): Promise<HealthReport> {
  const res = await httpGet(labUrl(labPorts.nodeExporter, "/metrics"));
  return res?.status === 200 && res.body.includes("node_cpu_seconds_total")
    ? { healthy: true, detail: "serving node_* metrics" }
    : { healthy: false, detail: "/metrics does not answer" };
}

export const nodeExporterComponent: Component = {
  name: NAME,
  dependsOn: [],
  endpoints: { "node exporter": labUrl(labPorts.nodeExporter, "/metrics") },
  available: async () => (existsSync(BINARY) ? { ok: true } : { ok: false, reason: `${BINARY} not installed (apt: prometheus-node-exporter)` }),
  async start(ctx) {
    await assertPortsFree([labPorts.nodeExporter]);
    const pid = await ctx.spawn(NAME, BINARY, [
      `--web.listen-address=${LAB_HOST}:${labPorts.nodeExporter}`,
      "--collector.disable-defaults",
      ...COLLECTORS.map((c) => `--collector.${c}`),
    ]);
    await waitUntil(NAME, async () => ((await probe()).healthy ? true : "not serving"), { timeoutMs: 15_000, alive: pidAlive(pid) });
  },
  health: (ctx) => healthOfProcesses(ctx, NAME, probe),
};
