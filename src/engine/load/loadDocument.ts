import { readFile } from "node:fs/promises";
import type * as z from "zod";
import type { Diagnostic, Loaded } from "./Diagnostic";
import { substitute, type VariableValue } from "./variables";
import { PositionedYaml } from "./yamlDocument";
import { zodIssuesToDiagnostics } from "./zodDiagnostics";

export interface LoadOptions {
  /** Resolves `${name}` placeholders; absent means placeholders are left for a later pass. */
  lookup?: (name: string, raw: unknown) => VariableValue | undefined;
}

/**
 * Parse → substitute variables → validate, collecting every mistake with its position.
 * Never throws for bad input: a file that cannot be read is a diagnostic too.
 */
export function loadYamlText<S extends z.ZodType>(file: string, text: string, schema: S, options: LoadOptions = {}): Loaded<z.infer<S>> {
  const { doc, diagnostics } = PositionedYaml.parse(file, text);
  const errors = diagnostics.filter((d) => d.severity === "error");
  const warnings = diagnostics.filter((d) => d.severity === "warning");
  if (errors.length > 0) return { ok: false, diagnostics: diagnostics };
  let raw = doc.toJS();
  if (raw === null || raw === undefined) {
    return { ok: false, diagnostics: [doc.diagnosticFor([], "the file is empty")] };
  }
  const problems: Diagnostic[] = [];
  if (options.lookup) {
    const lookup = options.lookup;
    const rawValue = raw;
    const result = substitute(raw, (name) => lookup(name, rawValue));
    raw = result.value;
    for (const p of result.problems) problems.push(doc.diagnosticFor(p.path, p.message));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) problems.push(...zodIssuesToDiagnostics(doc, parsed.error.issues, schema, raw));
  if (problems.length > 0 || !parsed.success) return { ok: false, diagnostics: sortDiagnostics([...problems, ...warnings]) };
  return { ok: true, value: parsed.data as z.infer<S>, warnings };
}

export async function loadYamlFile<S extends z.ZodType>(file: string, schema: S, options: LoadOptions = {}): Promise<Loaded<z.infer<S>>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    return { ok: false, diagnostics: [{ file, line: 1, column: 1, endLine: 1, endColumn: 1, message: `cannot read: ${reason}`, severity: "error" }] };
  }
  return loadYamlText(file, text, schema, options);
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
