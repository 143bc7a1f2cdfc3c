import { join } from "node:path";
import { LAB_HOST, labPorts, labUrl } from "../ports.js";
import { camerasFile } from "./cameras.js";
import type { LabContext } from "./Component.js";
import { tsxProgram } from "./componentHelpers.js";

export function edgeAgentLog(ctx: LabContext): string {
  return join(ctx.state, "logs", "edge-agent.log");
}

/** How the lab supervisor launches the edge collector (lab/supervisor/programs.ts). */
export function edgeCollectorProgram(ctx: LabContext): { command: string; args: string[]; cwd: string; healthUrl: string } {
  const [command, args] = tsxProgram(ctx, "lab/edge-collector/main.ts", [
    "--listen",
    `${LAB_HOST}:${labPorts.edgeAgent}`,
    "--cameras",
    camerasFile(ctx),
    "--log",
    edgeAgentLog(ctx),
    "--interval-ms",
    "2000",
  ]);
  return { command, args, cwd: ctx.repo, healthUrl: labUrl(labPorts.edgeAgent, "/healthz") };
}
