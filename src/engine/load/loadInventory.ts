import { dirname, isAbsolute, resolve } from "node:path";
import { InventorySchema, type Inventory } from "../model/inventorySchema";
import type { Loaded } from "./Diagnostic";
import { loadYamlFile, loadYamlText, type LoadOptions } from "./loadDocument";

export interface LoadedInventory {
  file: string;
  inventory: Inventory;
}

/** Loads experiments/targets.yaml; key and known_hosts paths become absolute, relative to the file. */
export async function loadInventoryFile(file: string): Promise<Loaded<LoadedInventory>> {
  return finish(file, await loadYamlFile(file, InventorySchema, inventoryDirOnly(file)));
}

export function loadInventoryText(file: string, text: string): Loaded<LoadedInventory> {
  return finish(file, loadYamlText(file, text, InventorySchema, inventoryDirOnly(file)));
}

/**
 * The one placeholder an inventory may use, `${inventoryDir}`: it lets a committed
 * inventory name paths next to it (the lab's state dir) without knowing where the repo
 * is cloned. Experiment variables are not resolved inside an inventory.
 */
function inventoryDirOnly(file: string): LoadOptions {
  const base = dirname(resolve(file));
  return { lookup: (name) => (name === "inventoryDir" ? base : undefined) };
}

function finish(file: string, loaded: Loaded<Inventory>): Loaded<LoadedInventory> {
  if (!loaded.ok) return loaded;
  const base = dirname(resolve(file));
  // The loader leaves the variables block as written (it holds values, not uses): resolve it here.
  const variables = loaded.value.variables;
  for (const [k, v] of Object.entries(variables)) if (typeof v === "string") variables[k] = v.split("${inventoryDir}").join(base);
  const abs = (p: string | undefined) => (p === undefined || isAbsolute(p) || p.startsWith("~") ? p : resolve(base, p));
  for (const target of Object.values(loaded.value.targets)) {
    if (target.transport.type === "ssh") {
      target.transport.keyFile = abs(target.transport.keyFile);
      target.transport.knownHostsFile = abs(target.transport.knownHostsFile);
    }
  }
  return { ok: true, value: { file: resolve(file), inventory: loaded.value }, warnings: loaded.warnings };
}

/** An empty inventory: what the CLI uses when no targets.yaml is given or found. */
export function emptyInventory(): LoadedInventory {
  return { file: "", inventory: InventorySchema.parse({}) };
}
