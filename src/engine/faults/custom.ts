import * as z from "zod";
import type { Experiment } from "../model/experimentSchema";
import { renderArgv } from "../transports/shellQuote";
import type { FaultDriver, PreparedFault } from "./FaultDriver";
import { exec, execOk, waitUntil } from "./faultExec";

/**
 * custom: runs the user's own inject and revert argv on the target, never through a shell
 * (a word such as "a;b" or "$(x)" reaches the program as it is written). Refused unless
 * params.confirm is true; the CLI also wants --allow-custom, and the extension asks every
 * time, naming the commands. With a verify argv, the fault is verified when it exits 0 and
 * reverted once it no longer does; without one, the exit status of inject and revert is all
 * there is to check. The commands are the user's: they are not tagged by us.
 */

/** Each custom fault of an experiment, as the second consent shows it: `"id" on target: inject …; revert …`. */
export function customCommandLines(experiment: Pick<Experiment, "faults">): string[] {
  return experiment.faults.flatMap((f, i) =>
    f.type === "custom" ? [`"${f.id ?? `custom-${i + 1}`}" on ${f.target}: inject ${renderArgv(f.params.inject)}; revert ${renderArgv(f.params.revert)}`] : [],
  );
}

const VERIFY_TIMEOUT_MS = 10_000;
const RecordSchema = z.object({
  type: z.literal("custom"),
  inject: z.array(z.string()).min(1),
  revert: z.array(z.string()).min(1),
  verify: z.array(z.string()).min(1).optional(),
});

export const customDriver: FaultDriver<"custom"> = {
  type: "custom",
  requiredTools: (fault) => [fault.params.inject[0], fault.params.revert[0], fault.params.verify?.[0]].filter((t): t is string => t !== undefined),
  async prepare(ctx, fault): Promise<PreparedFault> {
    // The schema already demands it; checked again because the sweep and other callers may build faults by hand.
    if ((fault.params.confirm as unknown) !== true) throw new Error("custom faults run only with params.confirm: true");
    const { inject, revert, verify } = fault.params;
    return {
      summary: `custom command ${ctx.transport.render(inject)} on ${ctx.targetName}`,
      commands: [ctx.transport.render(inject)],
      revertCommands: [ctx.transport.render(revert)],
      revertArgv: [revert],
      revert: { type: "custom", inject, revert, ...(verify === undefined ? {} : { verify }) },
      reversible: true,
    };
  },
  async inject(ctx, prepared) {
    await execOk(ctx, RecordSchema.parse(prepared.revert).inject);
  },
  async verifyInjected(ctx, prepared) {
    const { verify } = RecordSchema.parse(prepared.revert);
    if (verify === undefined) return true;
    return waitUntil(async () => (await exec(ctx, verify)).code === 0, VERIFY_TIMEOUT_MS, ctx.signal, 200);
  },
  async revert(ctx, record) {
    await execOk(ctx, RecordSchema.parse(record).revert);
  },
  async verifyReverted(ctx, record) {
    const { verify } = RecordSchema.parse(record);
    if (verify === undefined) return true;
    return waitUntil(async () => (await exec(ctx, verify)).code !== 0, VERIFY_TIMEOUT_MS, ctx.signal, 200);
  },
};
