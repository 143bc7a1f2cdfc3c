import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { httpGet, httpGetJson, waitUntil } from "../http/probe.js";
import { LAB_HOST, labPorts, labUrl } from "../ports.js";
import { writePrometheusConfig } from "../prometheus/renderPrometheus.js";
import type { Component, HealthReport } from "./Component.js";
import { assertPortsFree, healthOfProcesses, pidAlive } from "./componentHelpers.js";

const NAME = "prometheus";
const BINARY = "/usr/bin/prometheus";
const PROMTOOL = "/usr/bin/promtool";

const AlertmanagersAnswer = z.object({
  data: z.object({ activeAlertmanagers: z.array(z.object({ url: z.string() })) }),
});
const QueryAnswer = z.object({
  data: z.object({ result: z.array(z.object({ value: z.tuple([z.number(), z.string()]) })) }),
});

/** `/-/ready` comes ~6 s before the first scrape and Alertmanager discovery: check those too. */
async function alertmanagerDiscovered(): Promise<boolean> {
  const parsed = AlertmanagersAnswer.safeParse(await httpGetJson(labUrl(labPorts.prometheus, "/api/v1/alertmanagers")));
  return parsed.success && parsed.data.data.activeAlertmanagers.some((am) => am.url.includes(`:${labPorts.alertmanager}/`));
}

export async function queryScalar(expr: string): Promise<number | undefined> {
  const url = labUrl(labPorts.prometheus, `/api/v1/query?query=${encodeURIComponent(expr)}`);
  const parsed = QueryAnswer.safeParse(await httpGetJson(url));
  const first = parsed.success ? parsed.data.data.result[0] : undefined;
  return first === undefined ? undefined : Number(first.value[1]);
}

async function probe(): Promise<HealthReport> {
  const ready = await httpGet(labUrl(labPorts.prometheus, "/-/ready"));
  if (ready?.status !== 200) return { healthy: false, detail: "/-/ready does not answer 200" };
  if (!(await alertmanagerDiscovered())) return { healthy: false, detail: `Alertmanager :${labPorts.alertmanager} not discovered yet` };
  return { healthy: true, detail: "ready, Alertmanager discovered" };
}

function promtoolCheck(config: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL, ["check", "config", config], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`promtool check config failed:\n${output}`))));
  });
}

export const prometheusComponent: Component = {
  name: NAME,
  dependsOn: ["alertmanager", "supervisor", "pushgateway", "node-exporter"],
  endpoints: { prometheus: labUrl(labPorts.prometheus) },
  available: async () => (existsSync(BINARY) ? { ok: true } : { ok: false, reason: `${BINARY} not installed (apt: prometheus)` }),
  async start(ctx) {
    await assertPortsFree([labPorts.prometheus]);
    const dir = join(ctx.state, NAME);
    const data = join(dir, "data");
    // A fresh TSDB: old series and pending alerts of a past run would confuse a new one.
    rmSync(data, { recursive: true, force: true });
    const { config } = writePrometheusConfig(dir);
    await promtoolCheck(config);
    const pid = await ctx.spawn(NAME, BINARY, [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=${LAB_HOST}:${labPorts.prometheus}`,
      "--web.enable-lifecycle",
      // Without it an alert firing soon after a (re)load reaches Alertmanager a minute late.
      "--rules.alert.resend-delay=1s",
    ]);
    const alive = pidAlive(pid);
    await waitUntil(NAME, async () => (await probe()).healthy || "not ready", { timeoutMs: 30_000, alive });
    await waitUntil(
      `${NAME} first dashboard scrape`,
      async () => ((await queryScalar('up{job="tapo-camera-mcp-system"}')) === 1 ? true : "up{job=\"tapo-camera-mcp-system\"} is not 1"),
      { timeoutMs: 30_000, alive },
    );
  },
  health: (ctx) => healthOfProcesses(ctx, NAME, probe),
};
