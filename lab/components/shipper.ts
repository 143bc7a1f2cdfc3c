import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { httpGet, waitUntil } from "../http/probe.js";
import { LAB_HOST, labPorts, labUrl } from "../ports.js";
import type { Component, HealthReport, LabContext } from "./Component.js";
import { assertPortsFree, healthOfProcesses, pidAlive, tsxProgram } from "./componentHelpers.js";

const NAME = "promtail-standin";

export function shipperConfigFile(ctx: LabContext): string {
  return join(ctx.state, "shipper", "promtail.yaml");
}

/** Promtail-shaped config with the real stack's jobs and labels, and lab-sized timings. */
export function shipperConfig(ctx: LabContext): Record<string, unknown> {
  const logs = join(ctx.state, "logs");
  return {
    server: { http_listen_address: LAB_HOST, http_listen_port: labPorts.promtail },
    positions: { filename: join(ctx.state, "shipper", "positions.json"), sync_period: "1s" },
    client: {
      url: labUrl(labPorts.loki, "/loki/api/v1/push"),
      batchwait: "200ms",
      batchsize: 1048576,
      // Promtail's defaults are 500ms → 5m, 10 retries; the lab drops after ~3 s so CT-03 is quick.
      backoff_config: { min_period: "100ms", max_period: "2s", max_retries: 5 },
      timeout: "5s",
    },
    scrape_configs: [
      {
        job_name: "tapo-camera-mcp",
        path: join(logs, "tapo-camera-mcp.log"),
        labels: { job: "tapo-camera-mcp", app: "tapo-camera-mcp", deployment: "native", location: "lab" },
        extract_level: true,
      },
      { job_name: "edge-agent", path: join(logs, "edge-agent.log"), labels: { job: "edge-agent", location: "lab" }, extract_level: false },
    ],
    poll_interval: "250ms",
  };
}

async function probe(): Promise<HealthReport> {
  const res = await httpGet(labUrl(labPorts.promtail, "/ready"));
  return res?.status === 200 ? { healthy: true, detail: "GET /ready → 200" } : { healthy: false, detail: `GET /ready → ${res?.status ?? "no answer"}` };
}

/** Promtail stand-in: tails the lab's log files and pushes them to the Loki stand-in. */
export const shipperComponent: Component = {
  name: NAME,
  dependsOn: ["loki-standin"],
  endpoints: { "promtail (stand-in)": labUrl(labPorts.promtail, "/metrics") },
  available: async () => ({ ok: true }),

  async start(ctx) {
    await assertPortsFree([labPorts.promtail]);
    await mkdir(join(ctx.state, "shipper"), { recursive: true });
    await mkdir(join(ctx.state, "logs"), { recursive: true });
    await writeFile(shipperConfigFile(ctx), stringify(shipperConfig(ctx)));
    const [node, args] = tsxProgram(ctx, "lab/shipper/main.ts", ["--config", shipperConfigFile(ctx)]);
    const pid = await ctx.spawn(NAME, node, args, { cwd: ctx.repo });
    await waitUntil(NAME, async () => ((await probe()).healthy ? true : "not ready"), { timeoutMs: 15_000, alive: pidAlive(pid) });
  },

  health: (ctx) => healthOfProcesses(ctx, NAME, probe),
};
