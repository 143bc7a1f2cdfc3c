/**
 * The level of a tapo-camera-mcp line: `"level":"ERROR"` in Docker mode (JSON lines) or
 * `… - module - ERROR - text` in native mode (Python logging's default format).
 */
export function levelOf(line: string): string | undefined {
  if (line.startsWith("{")) {
    try {
      const level = (JSON.parse(line) as Record<string, unknown>).level;
      return typeof level === "string" ? level.toUpperCase() : undefined;
    } catch {
      return undefined;
    }
  }
  return / - (DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL) - /.exec(line)?.[1];
}
