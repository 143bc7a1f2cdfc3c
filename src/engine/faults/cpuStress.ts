import type { FaultDriver } from "./FaultDriver";
import { injectStress, prepareStress, revertStress, verifyStressGone, verifyStressRunning } from "./stressFault";

/** cpu-stress: `workers` CPU hogs at `load`% each for the fault's duration (see stressFault.ts). */
export const cpuStressDriver: FaultDriver<"cpu-stress"> = {
  type: "cpu-stress",
  requiredTools: () => ["sh", "setsid", "timeout", "ps", "kill"],
  prepare: (ctx, fault) => {
    const { workers, load } = fault.params;
    return prepareStress(ctx, "cpu-stress", fault.duration, {
      kind: "cpu",
      stressNgArgs: ["--cpu", String(workers), "--cpu-load", String(load)],
      workers,
      amount: String(load),
      summary: `${workers} CPU worker(s) at ${load}%`,
    });
  },
  inject: injectStress,
  verifyInjected: verifyStressRunning,
  revert: revertStress,
  verifyReverted: verifyStressGone,
};
