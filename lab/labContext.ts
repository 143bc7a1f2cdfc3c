import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import type { LabContext } from "./components/Component.js";
import { labPaths } from "./paths.js";
import { recordPid } from "./process/pidFiles.js";
import type { LabSettings } from "./settings.js";

/**
 * The context one component runs with: every process it spawns is recorded as owned by
 * that component, so labctl can tell which PIDs to check and stop for it.
 */
export function createLabContext(repo: string, component: string, settings: LabSettings, log: (m: string) => void): LabContext {
  const paths = labPaths(repo);
  return {
    repo,
    state: paths.state,
    root: process.getuid?.() === 0,
    settings,
    log: (message) => log(`[${component}] ${message}`),
    spawn: async (name, command, args, options) => {
      mkdirSync(paths.logs, { recursive: true });
      const out = openSync(join(paths.logs, `${name}.log`), "a");
      try {
        const child = spawn(command, args, {
          cwd: options?.cwd ?? repo,
          env: options?.env ?? process.env,
          // Detached: the process outlives labctl and gets its own process group.
          detached: true,
          stdio: ["ignore", out, out],
        });
        const pid = await new Promise<number>((resolve, reject) => {
          child.once("error", reject);
          child.once("spawn", () => (child.pid === undefined ? reject(new Error(`${command}: no pid`)) : resolve(child.pid)));
        });
        child.unref();
        recordPid(paths.pids, { name, component, pid, argv: [command, ...args] });
        return pid;
      } finally {
        closeSync(out);
      }
    },
  };
}
