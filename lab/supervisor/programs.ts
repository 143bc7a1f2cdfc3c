import { join } from "node:path";
import type { LabContext } from "../components/Component.js";
import { edgeCollectorProgram } from "../components/edgeCollector.js";
import { LAB_HOST, labPorts, labUrl } from "../ports.js";
import type { ProgramSpec } from "./config.js";

/** The dashboard's program name: the real unit's runbook name, used for pid and hold files. */
export const DASHBOARD_PROGRAM = "tapo-camera-mcp";

/** The dashboard's exact real command line (CT-01 kills it by `tapo_camera_mcp.web`). */
export const dashboardArgv = ["/usr/bin/python3", "-m", "tapo_camera_mcp.web", "--host", LAB_HOST, "--port", String(labPorts.dashboard)];

export function dashboardCamerasFile(ctx: LabContext): string {
  return join(ctx.state, "dashboard", "cameras.json");
}

/** The edge collector's program name (job="edge-agent" on 9400). */
export const EDGE_AGENT_PROGRAM = "edge-agent";

/**
 * Every program the supervisor runs, as the real hub runs the dashboard and its edge
 * collector, so "kill the edge collector" is restarted the same way. To supervise another
 * lab program, append its spec here: one entry, nothing else to change.
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
    { name: EDGE_AGENT_PROGRAM, ...edgeCollectorProgram(ctx), env: {}, outputLog: join(ctx.state, "logs", "edge-collector.stdout.log") },
  ];
}
