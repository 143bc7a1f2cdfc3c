import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Component, HealthReport } from "./components/Component.js";
import { labComponents } from "./components/index.js";
import { liveProcesses } from "./components/componentHelpers.js";
import { supervisorConfigPath } from "./components/supervisor.js";
import { dependencyOrder, withDependencies } from "./dependencyOrder.js";
import { createLabContext } from "./labContext.js";
import { labPaths, repoRoot } from "./paths.js";
import { forgetPid, isLive, readPidFile, readPidMetas, type PidMeta } from "./process/pidFiles.js";
import { procArgv } from "./process/procInfo.js";
import { stopProcess } from "./process/stopProcess.js";
import { defaultLabSettings, type LabSettings } from "./settings.js";
import { SupervisorConfig } from "./supervisor/config.js";

export interface LabOptions {
  /** Start only these components (and what they depend on); default: all. */
  only?: readonly string[];
  settings?: Partial<LabSettings>;
  /** Progress lines; default stderr. */
  log?: (message: string) => void;
  components?: readonly Component[];
}

export type ComponentState = "started" | "already-up" | "unavailable";

export interface LabUpResult {
  components: { name: string; state: ComponentState; reason?: string }[];
  endpoints: Record<string, string>;
}

export type StatusState = "healthy" | "unhealthy" | "not running" | "unavailable";

export interface ComponentStatus {
  name: string;
  state: StatusState;
  detail: string;
}

const stderrLog = (message: string) => process.stderr.write(`${message}\n`);

function context(component: string, options: LabOptions) {
  const settings = { ...defaultLabSettings, ...options.settings };
  return createLabContext(repoRoot(), component, settings, options.log ?? stderrLog);
}

/** Stops a component's recorded processes (newest first) and forgets their pid files. */
async function stopRecorded(metas: readonly PidMeta[], log: (m: string) => void): Promise<void> {
  const pids = labPaths(repoRoot()).pids;
  for (const meta of [...metas].reverse()) {
    if (isLive(meta)) {
      const how = await stopProcess(meta.pid);
      log(`stopped ${meta.name} (pid ${meta.pid}): ${how}`);
      if (how === "survived") throw new Error(`${meta.name} (pid ${meta.pid}) survived SIGKILL`);
    }
    forgetPid(pids, meta.name);
  }
}

async function waitHealthy(c: Component, ctx: ReturnType<typeof context>, timeoutMs: number): Promise<HealthReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await c.health(ctx);
    if (report.healthy || Date.now() >= deadline) return report;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Starts the lab (or the part of it in `only`) and resolves once every piece is healthy. */
export async function labUp(options: LabOptions = {}): Promise<LabUpResult> {
  const all = options.components ?? labComponents;
  const log = options.log ?? stderrLog;
  const selected = options.only === undefined ? dependencyOrder(all) : withDependencies(all, options.only);
  const result: LabUpResult = { components: [], endpoints: {} };
  for (const c of selected) {
    const ctx = context(c.name, options);
    const available = await c.available(ctx);
    if (!available.ok) {
      log(`skipping ${c.name}: ${available.reason ?? "not available on this machine"}`);
      result.components.push({ name: c.name, state: "unavailable", reason: available.reason ?? "not available" });
      continue;
    }
    const live = liveProcesses(ctx, c.name);
    if (live.length > 0) {
      const report = await waitHealthy(c, ctx, 10_000);
      if (report.healthy) {
        log(`${c.name}: already up (${report.detail})`);
        result.components.push({ name: c.name, state: "already-up" });
        Object.assign(result.endpoints, c.endpoints);
        continue;
      }
      log(`${c.name}: running but unhealthy (${report.detail}); restarting it`);
      await stopRecorded(live, log);
      await c.cleanup?.(ctx);
    }
    log(`starting ${c.name}`);
    const began = Date.now();
    try {
      await c.start(ctx);
    } catch (err) {
      throw new Error(`lab component ${c.name} failed to start: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    log(`${c.name}: healthy after ${Date.now() - began} ms`);
    result.components.push({ name: c.name, state: "started" });
    Object.assign(result.endpoints, c.endpoints);
  }
  return result;
}

/**
 * The supervisor's children, verified by their command line: if the supervisor was
 * killed hard its children outlive it, and a PID file alone could name a recycled PID.
 */
function supervisedChildren(): { name: string; pid: number }[] {
  const ctx = context("supervisor", {});
  const file = supervisorConfigPath(ctx);
  if (!existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return [];
  }
  const parsed = SupervisorConfig.safeParse(raw);
  if (!parsed.success) return [];
  const found: { name: string; pid: number }[] = [];
  for (const program of parsed.data.programs) {
    const pid = readPidFile(join(parsed.data.runDir, `${program.name}.pid`));
    const argv = pid === undefined ? undefined : procArgv(pid);
    if (pid !== undefined && argv?.join("\0") === [program.command, ...program.args].join("\0")) found.push({ name: program.name, pid });
  }
  return found;
}

/** Stops every process the lab recorded, then runs the components' clean-up hooks. */
export async function labDown(options: Pick<LabOptions, "log" | "components"> = {}): Promise<void> {
  const all = options.components ?? labComponents;
  const log = options.log ?? stderrLog;
  const metas = readPidMetas(labPaths(repoRoot()).pids);
  for (const c of dependencyOrder(all).reverse()) {
    await stopRecorded(
      metas.filter((m) => m.component === c.name),
      log,
    );
  }
  // Processes of components that are no longer registered are still ours to stop.
  const known = new Set(all.map((c) => c.name));
  await stopRecorded(
    metas.filter((m) => !known.has(m.component)),
    log,
  );
  for (const child of supervisedChildren()) {
    log(`stopping orphaned supervised ${child.name} (pid ${child.pid}): ${await stopProcess(child.pid)}`);
  }
  for (const c of all) {
    if (c.cleanup === undefined) continue;
    const ctx = context(c.name, options);
    if ((await c.available(ctx)).ok) await c.cleanup(ctx);
  }
}

export async function labStatus(options: Pick<LabOptions, "components"> = {}): Promise<ComponentStatus[]> {
  const all = options.components ?? labComponents;
  const out: ComponentStatus[] = [];
  for (const c of dependencyOrder(all)) {
    const ctx = context(c.name, { log: () => undefined });
    const available = await c.available(ctx);
    if (!available.ok) {
      out.push({ name: c.name, state: "unavailable", detail: available.reason ?? "not available" });
      continue;
    }
    if (liveProcesses(ctx, c.name).length === 0) {
      out.push({ name: c.name, state: "not running", detail: "no live process recorded" });
      continue;
    }
    const report = await c.health(ctx);
    out.push({ name: c.name, state: report.healthy ? "healthy" : "unhealthy", detail: report.detail });
  }
  return out;
}
