import type { LoadedInventory } from "../../engine/load/loadInventory";
import type { TransportSpec } from "../../engine/model/inventorySchema";
import { customCommandLines } from "../../engine/faults/custom";
import type { ExperimentEntry } from "../workspace/ExperimentCatalog";

/**
 * The modal's text: which faults, on which targets (and how they are reached), for how long.
 * `custom` says the experiment runs the user's own commands, which get a confirmation of
 * their own (never skipped) naming each command exactly as it will run.
 */
export function confirmationText(entry: ExperimentEntry, inventory: LoadedInventory): { message: string; detail: string; custom: boolean } {
  const faults = entry.loaded?.experiment.faults ?? [];
  const customLines = customCommandLines({ faults }).map((line) => `• ${line}`);
  const custom = customLines.length > 0;
  const targets = [...new Set(faults.map((f) => f.target))];
  const lines = faults.map((f, i) => {
    const id = f.id ?? `${f.type}-${i + 1}`;
    const duration = f.duration === 0 || f.duration === "0s" ? "" : ` for ${typeof f.duration === "number" ? `${f.duration} s` : f.duration}`;
    return `• ${f.type} "${id}" on ${f.target}${duration}: ${JSON.stringify(f.params)}`;
  });
  const targetLines = targets.map((t) => {
    const spec = inventory.inventory.targets[t];
    return `• ${t}: ${spec ? describeTransport(spec.transport) : "not in the inventory"}`;
  });
  return {
    message: `Run ${entry.id} and inject ${faults.length === 1 ? "1 fault" : `${faults.length} faults`} into ${targets.join(", ")}?${custom ? " It runs custom commands." : ""}`,
    custom,
    detail: [
      entry.title,
      "",
      "Faults:",
      ...lines,
      "",
      ...(custom ? ["Custom commands, run exactly as written (not checked or tagged by Surveillance Chaos):", ...customLines, ""] : []),
      "Targets:",
      ...targetLines,
      "",
      `Inventory: ${inventory.file}`,
      "Every fault is reverted when the run ends, fails or is cancelled.",
    ].join("\n"),
  };
}

function describeTransport(t: TransportSpec): string {
  if (t.type === "ssh") return `ssh ${t.user}@${t.host}:${t.port}${t.sudo ? " (sudo)" : ""}`;
  if (t.type === "docker") return `docker ${t.endpoint}${t.container ? ` container ${t.container}` : ""}`;
  return "this machine";
}
