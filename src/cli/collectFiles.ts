import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { InputError } from "../engine/errors";

export const INVENTORY_NAME = "targets.yaml";
const EXPERIMENT_SUFFIX = ".chaos.yaml";

export interface CollectedFiles {
  experiments: string[];
  inventories: string[];
}

/** Files given on the command line, with directories expanded (non-recursively) to their experiments and inventory, sorted by name. */
export function collectFiles(paths: readonly string[]): CollectedFiles {
  const out: CollectedFiles = { experiments: [], inventories: [] };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // A missing file is reported by the loader, at its own name.
      out.experiments.push(path);
      continue;
    }
    if (!isDir) {
      (basename(path) === INVENTORY_NAME ? out.inventories : out.experiments).push(path);
      continue;
    }
    const names = readdirSync(path).sort();
    const found = names.filter((n) => n.endsWith(EXPERIMENT_SUFFIX)).map((n) => join(path, n));
    if (found.length === 0 && !names.includes(INVENTORY_NAME)) throw new InputError(`${path}: no *${EXPERIMENT_SUFFIX} files in this directory`);
    out.experiments.push(...found);
    if (names.includes(INVENTORY_NAME)) out.inventories.push(join(path, INVENTORY_NAME));
  }
  return out;
}
