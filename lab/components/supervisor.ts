import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { httpGet, waitUntil } from "../http/probe.js";
import { labPaths } from "../paths.js";
import { labPorts, labUrl } from "../ports.js";
import type { SupervisorConfig } from "../supervisor/config.js";
import { supervisorLabTimings } from "../supervisor/labTimings.js";
import { dashboardCamerasFile, supervisedPrograms } from "../supervisor/programs.js";
import type { Component, HealthReport, LabContext } from "./Component.js";
import { assertPortsFree, healthOfProcesses, pidAlive, tsxProgram } from "./componentHelpers.js";

const NAME = "supervisor";
const PYTHON = "/usr/bin/python3";

async function probe(): Promise<HealthReport> {
  const res = await httpGet(labUrl(labPorts.dashboard, "/api/health"), 5000);
  return res?.status === 200
    ? { healthy: true, detail: "dashboard /api/health answers" }
    : { healthy: false, detail: "dashboard /api/health does not answer" };
}

export function supervisorConfigPath(ctx: LabContext): string {
  return join(ctx.state, NAME, "config.json");
}

function writeSupervisorConfig(ctx: LabContext): string {
  const paths = labPaths(ctx.repo);
  const config: SupervisorConfig = {
    logFile: join(paths.logs, "supervisor.log"),
    runDir: paths.run,
    holdDir: paths.holds,
    ...supervisorLabTimings,
    programs: supervisedPrograms(ctx),
  };
  const file = supervisorConfigPath(ctx);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(config, null, 2));
  const cameras = dashboardCamerasFile(ctx);
  mkdirSync(dirname(cameras), { recursive: true });
  writeFileSync(cameras, JSON.stringify(ctx.settings.dashboardCameras, null, 2));
  return file;
}

/** A fresh lab starts with every program running: hold files and pid files of a past run go. */
function clearRunState(ctx: LabContext): void {
  const paths = labPaths(ctx.repo);
  for (const dir of [paths.holds, paths.run]) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith(".stopped") || n.endsWith(".pid"))) {
      ctx.log(`removing stale ${join(dir, name)}`);
      rmSync(join(dir, name), { force: true });
    }
  }
  mkdirSync(paths.holds, { recursive: true });
}

/** The restart runner and the programs it supervises (the dashboard first of all). */
export const supervisorComponent: Component = {
  name: NAME,
  dependsOn: [],
  endpoints: {
    dashboard: labUrl(labPorts.dashboard),
    "dashboard health": labUrl(labPorts.dashboard, "/api/health"),
    "dashboard metrics": labUrl(labPorts.dashboard, "/metrics"),
  },
  available: async () => (existsSync(PYTHON) ? { ok: true } : { ok: false, reason: `${PYTHON} not found (the dashboard needs Debian's python3)` }),
  async start(ctx) {
    await assertPortsFree([labPorts.dashboard]);
    clearRunState(ctx);
    const [command, args] = tsxProgram(ctx, "lab/supervisor/main.ts", [writeSupervisorConfig(ctx)]);
    const pid = await ctx.spawn(NAME, command, args);
    await waitUntil(NAME, async () => ((await probe()).healthy ? true : "dashboard not answering"), {
      timeoutMs: 20_000,
      alive: pidAlive(pid),
    });
  },
  health: (ctx) => healthOfProcesses(ctx, NAME, probe),
};
