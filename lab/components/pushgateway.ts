import { existsSync } from "node:fs";
import { httpGet, waitUntil } from "../http/probe.js";
import { LAB_HOST, labPorts, labUrl } from "../ports.js";
import type { Component, HealthReport } from "./Component.js";
import { assertPortsFree, healthOfProcesses, pidAlive } from "./componentHelpers.js";

const NAME = "pushgateway";
const BINARY = "/usr/bin/prometheus-pushgateway";

async function probe(): Promise<HealthReport> {
  const res = await httpGet(labUrl(labPorts.pushgateway, "/-/ready"));
  return res?.status === 200 ? { healthy: true, detail: "ready" } : { healthy: false, detail: "/-/ready does not answer 200" };
}

export const pushgatewayComponent: Component = {
  name: NAME,
  dependsOn: [],
  endpoints: { pushgateway: labUrl(labPorts.pushgateway) },
  available: async () => (existsSync(BINARY) ? { ok: true } : { ok: false, reason: `${BINARY} not installed (apt: prometheus-pushgateway)` }),
  async start(ctx) {
    await assertPortsFree([labPorts.pushgateway]);
    const pid = await ctx.spawn(NAME, BINARY, [`--web.listen-address=${LAB_HOST}:${labPorts.pushgateway}`]);
    await waitUntil(NAME, async () => ((await probe()).healthy ? true : "not ready"), { timeoutMs: 15_000, alive: pidAlive(pid) });
  },
  health: (ctx) => healthOfProcesses(ctx, NAME, probe),
};
