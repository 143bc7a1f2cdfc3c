import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { procInfo } from "./procInfo.js";

/**
 * labctl writes <name>.pid (just the number, for people and other tools) and
 * <name>.meta.json (owner component and start time, so a recycled PID is never signalled).
 */
const PidMeta = z.object({
  name: z.string(),
  component: z.string(),
  pid: z.number().int().positive(),
  startTicks: z.number().int().nonnegative(),
  argv: z.array(z.string()),
});
export type PidMeta = z.infer<typeof PidMeta>;

export function recordPid(dir: string, meta: Omit<PidMeta, "startTicks">): void {
  mkdirSync(dir, { recursive: true });
  const startTicks = procInfo(meta.pid)?.startTicks ?? 0;
  writeFileSync(join(dir, `${meta.name}.pid`), `${meta.pid}\n`);
  writeFileSync(join(dir, `${meta.name}.meta.json`), JSON.stringify({ ...meta, startTicks }, null, 2));
}

export function readPidMetas(dir: string): PidMeta[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const metas: PidMeta[] = [];
  for (const file of names.filter((n) => n.endsWith(".meta.json"))) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), "utf8"));
    } catch {
      continue; // Half-written or hand-edited: not ours to trust.
    }
    const parsed = PidMeta.safeParse(raw);
    if (parsed.success) metas.push(parsed.data);
  }
  return metas;
}

/** True when the recorded PID still names the very process labctl started. */
export function isLive(meta: PidMeta): boolean {
  const info = procInfo(meta.pid);
  return info !== undefined && info.state !== "Z" && info.startTicks === meta.startTicks;
}

export function forgetPid(dir: string, name: string): void {
  rmSync(join(dir, `${name}.pid`), { force: true });
  rmSync(join(dir, `${name}.meta.json`), { force: true });
}

/** Reads a plain PID file (the supervisor's run/<program>.pid). */
export function readPidFile(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
