import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import * as z from "zod";
import { lockFile } from "./journalPaths";

const RunLockSchema = z.strictObject({ pid: z.number().int(), host: z.string(), startedAt: z.number() });
export type RunLock = z.infer<typeof RunLockSchema>;

/** Written when a run starts and removed when it finishes: `status` and the sweep tell a live run from a dead one by it. */
export function acquireRunLock(dir: string, runId: string, now: number = Date.now()): () => void {
  const file = lockFile(dir, runId);
  const lock: RunLock = { pid: process.pid, host: hostname(), startedAt: now };
  writeFileSync(file, JSON.stringify(lock), { mode: 0o600, flag: "wx" });
  return () => rmSync(file, { force: true });
}

export function readRunLock(dir: string, runId: string): RunLock | undefined {
  try {
    const parsed = RunLockSchema.safeParse(JSON.parse(readFileSync(lockFile(dir, runId), "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A run is live while its lock names a process that still exists on this host. A lock from
 * another host cannot be checked from here, so it counts as live: nothing is swept that
 * might still be watched by someone else.
 */
export function isRunLive(dir: string, runId: string): boolean {
  const lock = readRunLock(dir, runId);
  if (!lock) return false;
  if (lock.host !== hostname()) return true;
  return processExists(lock.pid);
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
