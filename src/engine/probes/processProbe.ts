import type { ProbeOf } from "../model/probeSchemas";
import type { Transport } from "../transports/Transport";
import type { ProbeContext, ProbeDriver, ProbeResult } from "./ProbeDriver";

type ProcessProbe = ProbeOf<"process">;

export interface ProcessInfo {
  pid: number;
  /** Epoch ms, to the second (what `ps` gives). */
  startedAt: number;
  args: string;
}

/** Fixed locale and zone, so `lstart` reads the same on every target ("Thu Dec  3 18:41:32 2026", UTC). */
export const PS_ARGV = ["env", "LC_ALL=C", "TZ=UTC", "ps", "-eo", "pid=,lstart=,args="] as const;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LINE_RE = /^\s*(\d+)\s+\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})\s?(.*)$/;

/** Parses `ps -eo pid=,lstart=,args=` output (run with LC_ALL=C TZ=UTC); lines it cannot read are skipped. */
export function parsePsOutput(stdout: string): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const line of stdout.split("\n")) {
    const m = LINE_RE.exec(line);
    if (m === null) continue;
    const month = MONTHS.indexOf(m[2] ?? "");
    if (month < 0) continue;
    const startedAt = Date.UTC(Number(m[7]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
    out.push({ pid: Number(m[1]), startedAt, args: m[8] ?? "" });
  }
  return out;
}

/**
 * pgrep -f semantics with a literal pattern: the pattern appears anywhere in the command
 * line. Our own `ps` is left out; kernel threads ([kthreadd]) have no command line to match.
 */
export function matchProcesses(processes: readonly ProcessInfo[], pattern: string, newerThan?: number): ProcessInfo[] {
  // lstart has whole seconds: a restart in the same second as the injection still counts.
  const floor = newerThan === undefined ? undefined : Math.floor(newerThan / 1000) * 1000;
  return processes.filter(
    (p) => p.args.includes(pattern) && !p.args.startsWith("ps -eo pid=,lstart=,args=") && (floor === undefined || p.startedAt >= floor),
  );
}

export async function listProcesses(transport: Transport, signal?: AbortSignal): Promise<ProcessInfo[]> {
  const res = await transport.exec(PS_ARGV, { signal, timeoutMs: 10_000 });
  if (res.code !== 0) throw new Error(`ps failed on ${transport.targetName} (exit ${String(res.code)}): ${res.stderr.trim().slice(0, 200)}`);
  return parsePsOutput(res.stdout);
}

async function evaluate(ctx: ProbeContext, probe: ProcessProbe): Promise<ProbeResult> {
  if (probe.newerThanInjection && ctx.injectedAt === undefined) {
    return { ok: false, detail: "nothing has been injected yet, so there is no restart to look for" };
  }
  const transport = await ctx.transports.get(probe.target);
  const found = matchProcesses(await listProcesses(transport, ctx.signal), probe.pattern, probe.newerThanInjection ? ctx.injectedAt : undefined);
  const what = `${found.length} process(es) matching ${JSON.stringify(probe.pattern)}${probe.newerThanInjection ? " started since injection" : ""} on ${probe.target}`;
  const pids = found.length > 0 ? ` (pid ${found.map((p) => `${p.pid} since ${new Date(p.startedAt).toISOString()}`).join(", ")})` : "";
  const ok = probe.expect === "running" ? found.length > 0 : found.length === 0;
  return { ok, value: found.length, detail: `${what}${pids}${ok ? "" : `, expected ${probe.expect}`}` };
}

export const processProbe: ProbeDriver<"process"> = {
  type: "process",
  evaluate,
  describe: (p) => `process ${JSON.stringify(p.pattern)} ${p.expect}${p.newerThanInjection ? " (restarted)" : ""} on ${p.target}`,
};
