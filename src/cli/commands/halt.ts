import { listActiveFaults } from "../../engine/journal/journalReader";
import { revertActiveFaults, type RevertReport } from "../../engine/run/revertActiveFaults";
import type { CliContext } from "../cliContext";
import { parseCliArgs } from "../parseCliArgs";

function outcome(r: RevertReport): string {
  if (r.by === "dead-man") return "already reverted by its dead-man switch:";
  if (r.by === "not-needed") return "nothing to revert for";
  return r.verified ? "reverted" : "NOT reverted";
}

/** Reverts every active fault, of live and dead runs alike, through the one revert path (in parallel). */
export async function haltCommand(args: string[], ctx: CliContext): Promise<number> {
  parseCliArgs("halt", args, {});
  const active = listActiveFaults(ctx.journalDir);
  if (active.length === 0) {
    ctx.out.result("no active faults");
    return 0;
  }
  ctx.out.progress(`halting ${active.length} active fault(s)`);
  const started = performance.now();
  const reports = await revertActiveFaults(active, "halt", await ctx.revertDeps(), ctx.inventory.inventory);
  const totalMs = performance.now() - started;
  for (const r of reports) {
    const f = r.fault.planned;
    ctx.out.result(`${outcome(r)} ${r.fault.experimentId} ${f.faultId} on ${f.target} (${Math.round(r.ms)} ms)${r.error ? `: ${r.error}` : ""}`);
  }
  ctx.out.progress(`halt: ${reports.filter((r) => r.verified).length}/${reports.length} reverted and verified in ${Math.round(totalMs)} ms`);
  const left = listActiveFaults(ctx.journalDir).length;
  if (left > 0) ctx.out.progress(`${left} fault(s) still active: see \`surveillance-chaos status\``);
  return left === 0 ? 0 : 3;
}
