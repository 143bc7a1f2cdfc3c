import { readFileSync } from "node:fs";

/**
 * Fills `${name}` placeholders. The config languages use `{{ }}` for their own templates
 * (alert annotations), so lab parameters use a syntax they never do. An unknown or missing
 * parameter is an error: a half-rendered config must never reach a daemon.
 */
export function renderTemplate(text: string, params: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_match, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`template parameter \${${key}} has no value`);
    return value;
  });
}

export function renderTemplateFile(path: string, params: Readonly<Record<string, string>>): string {
  return renderTemplate(readFileSync(path, "utf8"), params);
}
