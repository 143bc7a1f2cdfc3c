import type { Component, LabContext } from "../../../lab/components/Component.js";
import { labUp } from "../../../lab/labApi.js";
import { createLabContext } from "../../../lab/labContext.js";
import { labPaths, repoRoot } from "../../../lab/paths.js";
import { forgetPid, isLive, readPidMetas } from "../../../lab/process/pidFiles.js";
import { stopProcess } from "../../../lab/process/stopProcess.js";
import { defaultLabSettings } from "../../../lab/settings.js";

const quiet = (): void => undefined;

export function extrasContext(component: string): LabContext {
  return createLabContext(repoRoot(), component, defaultLabSettings, quiet);
}

/** Starts just these components through labctl's own code path. */
export async function upExtras(components: readonly Component[]): Promise<void> {
  await labUp({ components, log: quiet });
}

/**
 * Stops exactly these components' recorded PIDs and runs their clean-up. Not labDown: with a
 * partial component list it would also stop every other recorded lab process.
 */
export async function downExtras(components: readonly Component[]): Promise<void> {
  const pids = labPaths(repoRoot()).pids;
  const metas = readPidMetas(pids);
  for (const c of [...components].reverse()) {
    for (const meta of metas.filter((m) => m.component === c.name)) {
      if (isLive(meta)) await stopProcess(meta.pid);
      forgetPid(pids, meta.name);
    }
    await c.cleanup?.(extrasContext(c.name));
  }
}

export async function metricValue(url: string, name: string, labels: Readonly<Record<string, string>> = {}): Promise<number> {
  const text = await (await fetch(url)).text();
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return NaN;
}

export async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
