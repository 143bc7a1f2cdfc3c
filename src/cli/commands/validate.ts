import { InputError } from "../../engine/errors";
import { formatDiagnostic, type Diagnostic } from "../../engine/load/Diagnostic";
import { loadExperimentFile } from "../../engine/load/loadExperiment";
import { loadInventoryFile, type LoadedInventory } from "../../engine/load/loadInventory";
import { collectFiles } from "../collectFiles";
import type { CliContext } from "../cliContext";
import { parseCliArgs } from "../parseCliArgs";

/**
 * Prints `file:line:col: error: message` for every mistake in every file. Experiments are
 * checked against an inventory (--inventory, else one found among the paths, else
 * experiments/targets.yaml) so unknown targets and variables are caught too.
 */
export async function validateCommand(args: string[], ctx: CliContext): Promise<number> {
  const { positionals } = parseCliArgs("validate", args, {});
  if (positionals.length === 0) throw new InputError("validate: give at least one file or directory");
  const files = collectFiles(positionals);
  const diagnostics: Diagnostic[] = [];
  let inventory: LoadedInventory | undefined = ctx.inventory.file ? ctx.inventory : undefined;
  for (const file of files.inventories) {
    const loaded = await loadInventoryFile(file);
    if (loaded.ok) {
      inventory ??= loaded.value;
      diagnostics.push(...loaded.warnings);
    } else diagnostics.push(...loaded.diagnostics);
  }
  const bad = new Set(diagnostics.filter((d) => d.severity === "error").map((d) => d.file));
  for (const file of files.experiments) {
    const loaded = await loadExperimentFile(file, inventory);
    const found = loaded.ok ? loaded.warnings : loaded.diagnostics;
    diagnostics.push(...found);
    if (!loaded.ok) bad.add(file);
  }
  const invalid = bad.size;
  for (const d of diagnostics) ctx.out.result(formatDiagnostic(d));
  const total = files.experiments.length + files.inventories.length;
  ctx.out.progress(`${total - invalid} of ${total} file(s) valid${inventory ? ` (against ${inventory.file})` : ""}`);
  return invalid > 0 ? 2 : 0;
}
