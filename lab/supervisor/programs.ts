import { join } from "node:path";
import type { LabContext } from "../components/Component.js";
import { LAB_HOST, labPorts, labUrl } from "../ports.js";
import type { ProgramSpec } from "./config.js";

/** The dashboard's program name: the real unit's runbook name, used for pid and hold files. */
export const DASHBOARD_PROGRAM = "tapo-camera-mcp";

/** The dashboard's exact real command line (CT-01 kills it by `tapo_camera_mcp.web`). */
export const dashboardArgv = ["/usr/bin/python3", "-m", "tapo_camera_mcp.web", "--host", LAB_HOST, "--port", String(labPorts.dashboard)];

export function dashboardCamerasFile(ctx: LabContext): string {
  return join(ctx.state, "dashboard", "cameras.json");
}

/**
 * Every program the supervisor runs. To supervise another lab program (e.g. the edge
 * collector), append its spec here: one entry, nothing else to change.
 */
export function supervisedPrograms(ctx: LabContext): ProgramSpec[] {
  const [command, ...args] = dashboardArgv;
  return [
    {
      name: DASHBOARD_PROGRAM,
      command: command!,
      args,
      cwd: ctx.repo,
      env: {
        PYTHONPATH: join(ctx.repo, "lab", "python"),
        PYTHONUNBUFFERED: "1",
        LAB_CAMERAS_FILE: dashboardCamerasFile(ctx),
        LAB_CHECK_INTERVAL_S: "1",
        TAPO_MCP_LOG_FILE: join(ctx.state, "logs", "tapo-camera-mcp.log"),
      },
      healthUrl: labUrl(labPorts.dashboard, "/api/health"),
      outputLog: join(ctx.state, "logs", "tapo-camera-mcp.stdout.log"),
    },
  ];
}
