import * as z from "zod";
import type { FaultDriver, PreparedFault } from "./FaultDriver";
import { waitUntil } from "./faultExec";
import { describeSelector, isStopped, listProcesses, selectProcesses, stillAlive } from "./processSelector";
import { killArgv, sendSignal } from "./processKill";

/**
 * process-pause: SIGSTOP freezes the processes (a frozen camera server, a hung dashboard);
 * revert sends SIGCONT. Verified from ps: state T while paused, anything else once resumed.
 * A process that died meanwhile counts as resumed (there is nothing left to resume).
 */

const VERIFY_TIMEOUT_MS = 5_000;
const RecordSchema = z.object({
  type: z.literal("process-pause"),
  victims: z.array(z.object({ pid: z.number().int().positive(), args: z.string() })),
});

export const processPauseDriver: FaultDriver<"process-pause"> = {
  type: "process-pause",
  requiredTools: () => ["ps", "kill"],
  async prepare(ctx, fault): Promise<PreparedFault> {
    const victims = (await selectProcesses(ctx, fault.params)).map(({ pid, args }) => ({ pid, args }));
    return {
      summary: `SIGSTOP ${victims.map((v) => `pid ${v.pid}`).join(", ")} (${describeSelector(fault.params)}) on ${ctx.targetName}`,
      commands: [ctx.transport.render(killArgv("STOP", victims))],
      revertCommands: [ctx.transport.render(killArgv("CONT", victims))],
      revertArgv: [killArgv("CONT", victims)],
      revert: { type: "process-pause", victims },
      reversible: true,
    };
  },
  async inject(ctx, prepared) {
    await sendSignal(ctx, "STOP", RecordSchema.parse(prepared.revert).victims);
  },
  async verifyInjected(ctx, prepared) {
    const { victims } = RecordSchema.parse(prepared.revert);
    return waitUntil(async () => {
      const list = await listProcesses(ctx);
      return victims.every((v) => {
        const p = stillAlive(list, v);
        return p !== undefined && isStopped(p);
      });
    }, VERIFY_TIMEOUT_MS, ctx.signal);
  },
  async revert(ctx, record) {
    await sendSignal(ctx, "CONT", RecordSchema.parse(record).victims);
  },
  async verifyReverted(ctx, record) {
    const { victims } = RecordSchema.parse(record);
    return waitUntil(async () => {
      const list = await listProcesses(ctx);
      return victims.every((v) => {
        const p = stillAlive(list, v);
        return p === undefined || !isStopped(p);
      });
    }, VERIFY_TIMEOUT_MS, ctx.signal);
  },
};
