import { InputError } from "../../engine/errors";
import { NotExportable } from "../../engine/export/ansibleFaultTasks";
import { experimentToPlaybook, targetsToAnsibleInventory } from "../../engine/export/ansiblePlaybook";
import { formatDiagnostic } from "../../engine/load/Diagnostic";
import { loadExperimentFile } from "../../engine/load/loadExperiment";
import { writeFileAtomic } from "../../engine/reports/runbookWriter";
import type { CliContext } from "../cliContext";
import { parseCliArgs } from "../parseCliArgs";

const FORMATS = ["ansible"] as const;

/**
 * `export ansible <experiment> [-o playbook.yml] [--ansible-inventory hosts.yml]`: the
 * experiment as a playbook (to stdout without -o), and an Ansible inventory for its
 * targets. A fault with no plain Ansible form is an input error (exit 2) naming it:
 * a playbook that silently skipped a fault would test something else.
 */
export async function exportCommand(args: string[], ctx: CliContext): Promise<number> {
  const { positionals, values } = parseCliArgs("export", args, {
    output: { type: "string", short: "o" },
    "ansible-inventory": { type: "string" },
  });
  const [format, file, ...rest] = positionals;
  if (format === undefined || !(FORMATS as readonly string[]).includes(format)) throw new InputError(`export: give a format (${FORMATS.join(", ")}) and an experiment file`);
  if (file === undefined || rest.length > 0) throw new InputError("export ansible: give exactly one experiment file");
  const loaded = await loadExperimentFile(file, ctx.inventory.file ? ctx.inventory : undefined);
  if (!loaded.ok) {
    for (const d of loaded.diagnostics) ctx.out.result(formatDiagnostic(d));
    return 2;
  }
  const { experiment } = loaded.value;
  let playbook: string;
  try {
    playbook = experimentToPlaybook(experiment, ctx.inventory.inventory);
  } catch (e) {
    if (e instanceof NotExportable) throw new InputError(`export ansible: ${experiment.id}: ${e.message}`);
    throw e;
  }
  if (values.output === undefined) ctx.out.result(playbook);
  else {
    writeFileAtomic(values.output, playbook);
    ctx.out.progress(`playbook: ${values.output}`);
  }
  if (values["ansible-inventory"] !== undefined) {
    const targets = [...new Set(experiment.faults.map((f) => f.target))];
    writeFileAtomic(values["ansible-inventory"], targetsToAnsibleInventory(ctx.inventory.inventory, targets));
    ctx.out.progress(`ansible inventory: ${values["ansible-inventory"]} (${targets.join(", ")})`);
  }
  return 0;
}
