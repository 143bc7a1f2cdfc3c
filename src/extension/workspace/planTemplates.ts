import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";

export interface PlanTemplate {
  file: string;
  name: string;
  id: string;
  title: string;
  text: string;
}

/** The plan's experiments (CT-01…CT-04) shipped inside the extension, in id order. */
export async function listPlanTemplates(templatesDir: string): Promise<PlanTemplate[]> {
  let names: string[];
  try {
    names = await readdir(templatesDir);
  } catch {
    return [];
  }
  const out: PlanTemplate[] = [];
  for (const name of names.filter((n) => n.endsWith(".chaos.yaml")).sort()) {
    const file = path.join(templatesDir, name);
    const text = await readFile(file, "utf8");
    out.push({ file, name, id: field(text, "id") ?? name, title: field(text, "title") ?? name, text });
  }
  return out;
}

/** A copy of a template under a new id (the `id:` line replaced; everything else, comments included, kept). */
export function withNewId(text: string, id: string): string {
  return text.replace(/^id:.*$/m, `id: ${id}`);
}

/** `ct-05-my-experiment.chaos.yaml` for id CT-05 and title "My experiment". */
export function fileNameFor(id: string, title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return `${id.toLowerCase()}${slug ? `-${slug}` : ""}.chaos.yaml`;
}

function field(text: string, name: string): string | undefined {
  return new RegExp(`^${name}:\\s*(.+?)\\s*$`, "m").exec(text)?.[1];
}
