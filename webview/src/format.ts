/** Times as people read them on the dashboard: durations "1m20s", clocks "14:03:05", offsets "+42s". */

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)}ms`;
  const totalSeconds = Math.round(abs / 1000);
  if (totalSeconds < 60) return `${sign}${(abs / 1000).toFixed(abs < 10_000 ? 1 : 0).replace(/\.0$/, "")}s`;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${sign}${h}h${m > 0 ? `${m}m` : ""}`;
  return `${sign}${m}m${s > 0 ? `${s}s` : ""}`;
}

export function formatClock(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "+42s" after the base (the injection), or the clock time when there is no base. */
export function formatSince(at: number | null, base: number | null): string {
  if (at === null) return "—";
  if (base === null) return formatClock(at);
  const delta = at - base;
  return `${delta >= 0 ? "+" : ""}${formatDuration(delta)}`;
}

/** "2m ago" relative to now. */
export function formatAgo(at: number, now: number): string {
  return `${formatDuration(Math.max(0, now - at))} ago`;
}
