import { labPorts, labUrl } from "../ports.js";
import { httpGet, waitUntil } from "../http/probe.js";
import type { Component, HealthReport } from "./Component.js";
import { assertPortsFree, healthOfProcesses, pidAlive, tsxProgram } from "./componentHelpers.js";

const NAME = "sinks";

async function probe(): Promise<HealthReport> {
  const res = await httpGet(labUrl(labPorts.sinksHttp, "/healthz"));
  return res?.status === 200 ? { healthy: true, detail: "webhook and SMTP sinks answer" } : { healthy: false, detail: "/healthz does not answer" };
}

/** Notification sinks: the pager/Slack webhooks and the mail server Alertmanager sends to. */
export const sinksComponent: Component = {
  name: NAME,
  dependsOn: [],
  endpoints: {
    "pager webhook": labUrl(labPorts.sinksHttp, "/pager"),
    "slack webhook": labUrl(labPorts.sinksHttp, "/slack"),
    "webhook records": labUrl(labPorts.sinksHttp, "/api/records?path=/pager"),
    "smtp sink": `smtp://127.0.0.1:${labPorts.sinksSmtp}`,
    "mail records": labUrl(labPorts.sinksHttp, "/api/mail"),
  },
  available: async () => ({ ok: true }),
  async start(ctx) {
    await assertPortsFree([labPorts.sinksHttp, labPorts.sinksSmtp]);
    const [command, args] = tsxProgram(ctx, "lab/sinks/main.ts");
    const pid = await ctx.spawn(NAME, command, args);
    await waitUntil(NAME, async () => ((await probe()).healthy ? true : "not answering"), { timeoutMs: 15_000, alive: pidAlive(pid) });
  },
  health: (ctx) => healthOfProcesses(ctx, NAME, probe),
};
