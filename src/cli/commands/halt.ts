import { listActiveFaults } from "../../engine/journal/journalReader";
import { revertActiveFaults } from "../../engine/run/revertActiveFaults";
import type { CliContext } from "../cliContext";
import { parseCliArgs } from "../parseCliArgs";

export async function haltCommand(args: string[], ctx: CliContext): Promise<number> {
  parseCliArgs("halt", args, {});
  const active = listActiveFaults(ctx.journalDir);
  if (active.length === 0) {
    ctx.out.result("no active faults");
    return 0;
  }
  ctx.out.progress(`halting ${active.length} active fault(s)`);
  const reports = await revertActiveFaults(active, "halt", await ctx.revertDeps(), ctx.inventory.inventory);
  for (const r of reports) {
    const f = r.fault.planned;
    ctx.out.result(`${r.verified ? "reverted" : "NOT reverted"} ${r.fault.experimentId} ${f.faultId} on ${f.target}${r.error ? `: ${r.error}` : ""}`);
  }
  const left = listActiveFaults(ctx.journalDir).length;
  if (left > 0) ctx.out.progress(`${left} fault(s) still active: see \`surveillance-chaos status\``);
  return left === 0 ? 0 : 3;
}
