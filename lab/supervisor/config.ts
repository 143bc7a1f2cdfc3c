import { readFileSync } from "node:fs";
import * as z from "zod";

/** One child the supervisor keeps running. */
export const ProgramSpec = z.object({
  name: z.string().regex(/^[a-zA-Z0-9_.-]+$/),
  command: z.string().min(1),
  args: z.array(z.string()),
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string(),
  /** Polled like the real runner polls /api/health; no URL means "alive is healthy". */
  healthUrl: z.string().url().optional(),
  /** Child stdout/stderr (the program's own structured log goes where it decides). */
  outputLog: z.string(),
});
export type ProgramSpec = z.infer<typeof ProgramSpec>;

export const SupervisorConfig = z.object({
  logFile: z.string(),
  /** run/<program>.pid is written while the child runs and removed when it is stopped. */
  runDir: z.string(),
  /** A file <holdDir>/<program>.stopped keeps <program> stopped until it is removed. */
  holdDir: z.string(),
  healthIntervalMs: z.number().int().positive(),
  healthTimeoutMs: z.number().int().positive(),
  /** Time a fresh child may take before failed health checks count against it. */
  startupGraceMs: z.number().int().positive(),
  backoffBaseMs: z.number().int().positive(),
  backoffFactor: z.number().min(1),
  backoffMaxMs: z.number().int().positive(),
  /** Healthy this long in a row and the back-off starts again from the base. */
  backoffResetMs: z.number().int().positive(),
  stopGraceMs: z.number().int().positive(),
  programs: z.array(ProgramSpec),
});
export type SupervisorConfig = z.infer<typeof SupervisorConfig>;

export function loadSupervisorConfig(path: string): SupervisorConfig {
  return SupervisorConfig.parse(JSON.parse(readFileSync(path, "utf8")));
}
