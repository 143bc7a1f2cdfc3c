import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ExperimentSchema, type Experiment } from "../model/experimentSchema";
import type { Diagnostic, Loaded } from "./Diagnostic";
import { loadYamlText, sortDiagnostics } from "./loadDocument";
import type { LoadedInventory } from "./loadInventory";
import type { VariableValue } from "./variables";
import { PositionedYaml } from "./yamlDocument";

export interface LoadedExperiment {
  file: string;
  experiment: Experiment;
  /** The values the placeholders took: experiment defaults overridden by the inventory. */
  variables: Record<string, VariableValue>;
}

/**
 * Loads one experiment file against an inventory (for variables, service URLs and target
 * names). Without an inventory only the file itself is checked.
 */
export async function loadExperimentFile(file: string, inventory?: LoadedInventory): Promise<Loaded<LoadedExperiment>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    return { ok: false, diagnostics: [{ file, line: 1, column: 1, endLine: 1, endColumn: 1, message: `cannot read: ${reason}`, severity: "error" }] };
  }
  return loadExperimentText(file, text, inventory);
}

export function loadExperimentText(file: string, text: string, inventory?: LoadedInventory): Loaded<LoadedExperiment> {
  const used: Record<string, VariableValue> = {};
  const lookup = (name: string, raw: unknown): VariableValue | undefined => {
    const value = resolveVariable(name, raw, inventory);
    if (value !== undefined) used[name] = value;
    return value;
  };
  const loaded = loadYamlText(file, text, ExperimentSchema, { lookup });
  if (!loaded.ok) return loaded;
  const problems = inventory ? checkAgainstInventory(file, text, loaded.value, inventory) : [];
  problems.push(...checkInternal(file, text, loaded.value));
  if (problems.some((p) => p.severity === "error")) return { ok: false, diagnostics: sortDiagnostics(problems) };
  return { ok: true, value: { file: resolve(file), experiment: loaded.value, variables: used }, warnings: [...loaded.warnings, ...problems] };
}

function resolveVariable(name: string, raw: unknown, inventory?: LoadedInventory): VariableValue | undefined {
  if (name.startsWith("services.")) {
    const service = inventory?.inventory.services[name.slice("services.".length)];
    // Without an inventory, service URLs are unknown but the file may still be valid.
    return service ? service.url.replace(/\/+$/, "") : inventory ? undefined : `http://${name}.invalid`;
  }
  const fromInventory = inventory?.inventory.variables[name];
  if (fromInventory !== undefined) return fromInventory;
  const defaults = (raw as { variables?: Record<string, unknown> } | null)?.variables;
  const value = defaults?.[name];
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : undefined;
}

function checkInternal(file: string, text: string, e: Experiment): Diagnostic[] {
  const doc = PositionedYaml.parse(file, text).doc;
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  e.faults.forEach((f, i) => {
    const id = f.id ?? `${f.type}-${i + 1}`;
    if (seen.has(id)) out.push(doc.diagnosticFor(["faults", i, "id"], `duplicate fault id "${id}"`));
    seen.add(id);
  });
  return out;
}

function checkAgainstInventory(file: string, text: string, e: Experiment, inv: LoadedInventory): Diagnostic[] {
  const doc = PositionedYaml.parse(file, text).doc;
  const out: Diagnostic[] = [];
  const targets = inv.inventory.targets;
  e.faults.forEach((f, i) => {
    const t = targets[f.target];
    if (!t) out.push(doc.diagnosticFor(["faults", i, "target"], `unknown target "${f.target}" (inventory ${inv.file} has: ${Object.keys(targets).join(", ") || "none"})`));
    else if (!t.allowChaos) out.push(doc.diagnosticFor(["faults", i, "target"], `target "${f.target}" has not opted in to chaos (allowChaos: true)`));
  });
  const probes: { path: (string | number)[]; probe: { type: string; camera?: string; target?: string; service?: string; source?: string } }[] = [
    ...e.steadyState.map((s, i) => ({ path: ["steadyState", i, "probe"], probe: s.probe })),
    ...e.expectations.map((s, i) => ({ path: ["expectations", i, "probe"], probe: s.probe })),
    ...e.guards.map((s, i) => ({ path: ["guards", i, "probe"], probe: s.probe })),
  ];
  for (const { path, probe } of probes) {
    if (probe.camera !== undefined && !inv.inventory.cameras[probe.camera]) out.push(doc.diagnosticFor([...path, "camera"], `unknown camera "${probe.camera}"`));
    if (probe.target !== undefined && !targets[probe.target]) out.push(doc.diagnosticFor([...path, "target"], `unknown target "${probe.target}"`));
    const service = probe.service ?? probe.source ?? defaultService(probe.type);
    if (service && !inv.inventory.services[service]) out.push(doc.diagnosticFor(path, `no service "${service}" in the inventory for this ${probe.type} probe`));
  }
  return out;
}

function defaultService(type: string): string | undefined {
  return ({ prometheus: "prometheus", notification: "alertmanager", loki: "loki" } as Record<string, string>)[type];
}
