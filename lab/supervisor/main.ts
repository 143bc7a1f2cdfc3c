/**
 * Lab supervisor: plays the real `tapo-camera-mcp-watchfiles` restart runner.
 * Usage: node --import tsx lab/supervisor/main.ts <config.json>
 *
 * Service stop/start without systemd: create lab/.state/run/supervisor/<program>.stopped
 * and the supervisor stops <program> and keeps it stopped; delete the file and it starts
 * it again at once. lab/.state/run/<program>.pid holds the child's PID while it runs.
 *
 * Its own command line never names the dashboard module, so `pkill -f tapo_camera_mcp.web`
 * (chaos experiment CT-01) hits the dashboard and never the supervisor.
 */
import { loadSupervisorConfig } from "./config.js";
import { createJsonLog } from "./jsonLog.js";
import { SupervisedProgram } from "./program.js";

const TICK_MS = 200;

async function main(): Promise<void> {
  const configPath = process.argv[2];
  if (configPath === undefined) throw new Error("usage: main.ts <config.json>");
  const config = loadSupervisorConfig(configPath);
  const log = createJsonLog(config.logFile);
  const programs = config.programs.map((spec) => new SupervisedProgram(spec, config, log));
  log("INFO", `supervisor started with ${programs.length} programs`, { pid: process.pid });

  const timer = setInterval(() => {
    const now = Date.now();
    for (const program of programs) program.tick(now);
  }, TICK_MS);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    log("INFO", `supervisor stopping on ${signal}`);
    await Promise.all(programs.map((p) => p.shutdown()));
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
