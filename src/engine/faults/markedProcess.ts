/**
 * Processes a fault leaves running on the target (dead-man timers, delay proxies) are
 * detached sessions whose leader's `$0` is a marker naming the fault's tag. These argv find
 * and end exactly those sessions, from any process: no PID needs to survive the runner.
 */
const MARKER_RE = /^sc-[a-z]+:[A-Za-z0-9_.:-]{1,100}$/;

export function assertMarker(marker: string): void {
  if (!MARKER_RE.test(marker)) throw new Error(`"${marker}" is not a process marker of ours`);
}

/** pgrep -f takes a regex: escape it, and bracket the first letter so the pattern never matches the command line that carries it. */
export function markerPattern(marker: string): string {
  assertMarker(marker);
  const escaped = marker.replace(/[.+*?^$()[\]{}|\\]/g, "\\$&");
  return `[${escaped[0]}]${escaped.slice(1)}`;
}

/**
 * Ends each marked session's whole process group (leader, its command, any sleep); exits 0
 * when none runs. A marked process that is not a leader (a command carrying the marker
 * itself, still draining after its leader went) gets the TERM directly.
 */
export function killMarkedArgv(marker: string): string[] {
  return ["sh", "-c", 'for p in $(pgrep -f -- "$1"); do pkill -TERM -g "$p" || kill -TERM "$p"; done 2>/dev/null; exit 0', "sh", markerPattern(marker)];
}

/** Exits 0 while a marked session runs. */
export function listMarkedArgv(marker: string): string[] {
  return ["pgrep", "-f", "--", markerPattern(marker)];
}
