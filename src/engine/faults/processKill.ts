import * as z from "zod";
import type { FaultContext, FaultDriver, PreparedFault } from "./FaultDriver";
import { FaultCommandError, exec, signalName, waitUntil } from "./faultExec";
import { describeSelector, listProcesses, selectProcesses, stillAlive } from "./processSelector";

/**
 * process-kill: sends a signal to the processes a pattern, pid file or unit names. Not
 * reversible: bringing the service back is the stack's job (its supervisor), which is what
 * the experiment observes. Verification waits for the processes to exit (a zombie counts as
 * gone: it is only waiting to be reaped, which here can take ~2 s after SIGTERM). Signals
 * that do not end a process (HUP, USR1…) are verified by kill's own success.
 */

const TERMINATING = new Set(["KILL", "TERM", "INT", "QUIT", "ABRT"]);
/** How long a terminating signal may take to end the process before the fault counts as not verified. */
const EXIT_TIMEOUT_MS = 10_000;

const VictimSchema = z.object({ pid: z.number().int().positive(), args: z.string() });
export const ProcessKillRecordSchema = z.object({ type: z.literal("process-kill"), signal: z.string(), victims: z.array(VictimSchema) });
type Victim = z.infer<typeof VictimSchema>;

export function killArgv(signal: string, victims: readonly Victim[]): string[] {
  return ["kill", "-s", signalName(signal), "--", ...victims.map((v) => String(v.pid))];
}

/** kill(1) fails for PIDs that exited since they were listed; that is not a failure of the fault. */
export async function sendSignal(ctx: FaultContext, signal: string, victims: readonly Victim[]): Promise<void> {
  const argv = killArgv(signal, victims);
  const r = await exec(ctx, argv);
  const otherErrors = r.stderr.split("\n").filter((l) => l.trim() !== "" && !/no such process/i.test(l));
  if (r.code !== 0 && otherErrors.length > 0) throw new FaultCommandError(ctx.transport.render(argv), r);
}

export const processKillDriver: FaultDriver<"process-kill"> = {
  type: "process-kill",
  requiredTools: () => ["ps", "kill"],
  async prepare(ctx, fault): Promise<PreparedFault> {
    const victims = (await selectProcesses(ctx, fault.params)).map(({ pid, args }) => ({ pid, args }));
    const sig = signalName(fault.params.signal);
    return {
      summary: `SIG${sig} ${victims.map((v) => `pid ${v.pid}`).join(", ")} (${describeSelector(fault.params)}) on ${ctx.targetName}`,
      commands: [ctx.transport.render(killArgv(sig, victims))],
      revertCommands: [],
      revert: { type: "process-kill", signal: sig, victims },
      reversible: false,
    };
  },
  async inject(ctx, prepared) {
    const r = ProcessKillRecordSchema.parse(prepared.revert);
    await sendSignal(ctx, r.signal, r.victims);
  },
  async verifyInjected(ctx, prepared) {
    const r = ProcessKillRecordSchema.parse(prepared.revert);
    if (!TERMINATING.has(r.signal)) return true;
    return waitUntil(async () => {
      const list = await listProcesses(ctx);
      return r.victims.every((v) => !stillAlive(list, v));
    }, EXIT_TIMEOUT_MS, ctx.signal);
  },
  revert: async () => undefined,
  verifyReverted: async () => true,
};
