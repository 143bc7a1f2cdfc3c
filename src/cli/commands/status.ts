import { listActiveFaults } from "../../engine/journal/journalReader";
import type { CliContext } from "../cliContext";
import { parseCliArgs } from "../parseCliArgs";

export async function statusCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCliArgs("status", args, { json: { type: "boolean" } });
  const active = listActiveFaults(ctx.journalDir).map((f) => ({
    runId: f.runId,
    experimentId: f.experimentId,
    faultId: f.planned.faultId,
    type: f.planned.faultType,
    target: f.planned.target,
    summary: f.planned.summary,
    plannedAt: new Date(f.planned.at).toISOString(),
    injected: f.injected,
    runLive: f.live,
    revertCommands: f.planned.revertCommands,
    deadManAt: f.planned.deadManAt === null ? null : new Date(f.planned.deadManAt).toISOString(),
    lastError: f.lastError ?? null,
    journal: f.journalFile,
  }));
  if (values.json) ctx.out.result(JSON.stringify(active, null, 2));
  else if (active.length === 0) ctx.out.result("no active faults");
  else {
    for (const f of active) {
      ctx.out.result(`${f.experimentId} ${f.faultId} on ${f.target}: ${f.summary} (run ${f.runId}, ${f.runLive ? "live" : "dead"}${f.deadManAt ? `, target reverts it by itself at ${f.deadManAt}` : ""}${f.lastError ? `, last revert failed: ${f.lastError}` : ""})`);
    }
  }
  return 0;
}
