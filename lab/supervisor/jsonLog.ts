import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

export type LogLevel = "INFO" | "WARNING" | "ERROR";

/** JSON lines in the shape the dashboard logs use, so one Promtail job reads both. */
export function createJsonLog(path: string): (level: LogLevel, message: string, fields?: Record<string, unknown>) => void {
  mkdirSync(dirname(path), { recursive: true });
  return (level, message, fields = {}) => {
    const line = JSON.stringify({ timestamp: new Date().toISOString(), level, logger: "tapo-camera-mcp-watchfiles", message, ...fields });
    appendFileSync(path, `${line}\n`);
  };
}
