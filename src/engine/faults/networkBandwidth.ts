import { durationMs } from "../model/duration";
import type { FaultDriver, RevertRecord } from "./FaultDriver";
import { exec, execOk, waitUntil } from "./faultExec";
import { assertInterface, deleteArgv, parseRootQdisc, rootConflict, showArgv, TBF_HANDLE } from "./qdisc";

/** Caps an interface's egress with a tbf root qdisc under our reserved handle. */
interface TbfRecord extends RevertRecord {
  dev: string;
  handle: string;
  inject: string[];
}

const PRIV = { privileged: true } as const;

export function tbfInjectArgv(dev: string, rate: string, burst: string, latencyMs: number): string[] {
  assertInterface(dev);
  return ["tc", "qdisc", "add", "dev", dev, "root", "handle", TBF_HANDLE, "tbf", "rate", rate, "burst", burst, "latency", `${latencyMs}ms`];
}

export const networkBandwidthDriver: FaultDriver<"network-bandwidth"> = {
  type: "network-bandwidth",
  requiredTools: () => ["tc"],
  async prepare(ctx, fault) {
    const { interface: dev, rate, burst, latency } = fault.params;
    const conflict = rootConflict(parseRootQdisc((await execOk(ctx, showArgv(dev), PRIV)).stdout), dev);
    if (conflict) throw new Error(conflict);
    const inject = tbfInjectArgv(dev, rate, burst, durationMs(latency));
    const revertArgv = [deleteArgv(dev, TBF_HANDLE)];
    const revert: TbfRecord = { type: "network-bandwidth", dev, handle: TBF_HANDLE, inject };
    return {
      summary: `limit ${dev} egress to ${rate} (tbf ${TBF_HANDLE}) on ${ctx.targetName}`,
      commands: [ctx.transport.render(inject, PRIV)],
      revertCommands: revertArgv.map((a) => ctx.transport.render(a, PRIV)),
      revertArgv,
      revert,
      reversible: true,
    };
  },
  async inject(ctx, prepared) {
    await execOk(ctx, (prepared.revert as TbfRecord).inject, PRIV);
  },
  async verifyInjected(ctx, prepared) {
    const rec = prepared.revert as TbfRecord;
    const root = parseRootQdisc((await exec(ctx, showArgv(rec.dev), PRIV)).stdout);
    return root?.kind === "tbf" && root.handle === rec.handle;
  },
  async revert(ctx, record) {
    const rec = record as TbfRecord;
    // Deleting by our handle: the kernel refuses when the root qdisc is not ours, so nothing else is touched.
    await exec(ctx, deleteArgv(rec.dev, rec.handle), PRIV);
  },
  async verifyReverted(ctx, record) {
    const rec = record as TbfRecord;
    return waitUntil(async () => parseRootQdisc((await exec(ctx, showArgv(rec.dev), PRIV)).stdout)?.handle !== rec.handle, 2000, ctx.signal);
  },
};
