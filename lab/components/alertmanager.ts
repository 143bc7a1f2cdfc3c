import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeAlertmanagerConfig } from "../alertmanager/renderAlertmanager.js";
import { httpGet, waitUntil } from "../http/probe.js";
import { LAB_HOST, labPorts, labUrl } from "../ports.js";
import type { Component, HealthReport } from "./Component.js";
import { assertPortsFree, healthOfProcesses, pidAlive } from "./componentHelpers.js";

const NAME = "alertmanager";
const BINARY = "/usr/bin/prometheus-alertmanager";

async function probe(): Promise<HealthReport> {
  const res = await httpGet(labUrl(labPorts.alertmanager, "/-/ready"));
  return res?.status === 200 ? { healthy: true, detail: "ready" } : { healthy: false, detail: "/-/ready does not answer 200" };
}

export const alertmanagerComponent: Component = {
  name: NAME,
  dependsOn: ["sinks"],
  endpoints: { alertmanager: labUrl(labPorts.alertmanager) },
  available: async () => (existsSync(BINARY) ? { ok: true } : { ok: false, reason: `${BINARY} not installed (apt: prometheus-alertmanager)` }),
  async start(ctx) {
    await assertPortsFree([labPorts.alertmanager]);
    const dir = join(ctx.state, NAME);
    const data = join(dir, "data");
    // Fresh notification log and silences: stale ones would hide the alerts of a new run.
    rmSync(data, { recursive: true, force: true });
    const config = writeAlertmanagerConfig(dir);
    const pid = await ctx.spawn(NAME, BINARY, [
      `--config.file=${config}`,
      `--storage.path=${data}`,
      `--web.listen-address=${LAB_HOST}:${labPorts.alertmanager}`,
      // Empty: otherwise it opens a gossip port on 0.0.0.0:9094.
      "--cluster.listen-address=",
    ]);
    await waitUntil(NAME, async () => ((await probe()).healthy ? true : "not ready"), { timeoutMs: 20_000, alive: pidAlive(pid) });
  },
  health: (ctx) => healthOfProcesses(ctx, NAME, probe),
};
