import type { FaultDriver } from "./FaultDriver";
import { parseSize } from "./sizes";
import { injectStress, prepareStress, revertStress, verifyStressGone, verifyStressRunning } from "./stressFault";

/**
 * memory-stress: holds `size` of memory (bytes or a percentage of the available memory),
 * split between `workers`, for the fault's duration (see stressFault.ts). stress-ng's
 * --vm-bytes is per worker, hence the split; --vm-hang 0 keeps the pages without
 * rewriting them, so the fault is memory pressure, not CPU load.
 */
export function perWorker(size: string, workers: number): { stressNg: string; generator: string } {
  if (size.endsWith("%")) {
    const pct = Number(size.slice(0, -1));
    return { stressNg: `${Math.max(1, Math.floor(pct / workers))}%`, generator: size };
  }
  const bytes = parseSize(size);
  return { stressNg: `${Math.max(4096, Math.floor(bytes / workers))}b`, generator: String(bytes) };
}

export const memoryStressDriver: FaultDriver<"memory-stress"> = {
  type: "memory-stress",
  requiredTools: () => ["sh", "setsid", "timeout", "ps", "kill"],
  prepare: (ctx, fault) => {
    const { size, workers } = fault.params;
    const amounts = perWorker(size, workers);
    return prepareStress(ctx, "memory-stress", fault.duration, {
      kind: "memory",
      stressNgArgs: ["--vm", String(workers), "--vm-bytes", amounts.stressNg, "--vm-hang", "0"],
      workers,
      amount: amounts.generator,
      summary: `hold ${size} of memory in ${workers} worker(s)`,
    });
  },
  inject: injectStress,
  verifyInjected: verifyStressRunning,
  revert: revertStress,
  verifyReverted: verifyStressGone,
};
