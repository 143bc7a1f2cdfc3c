import type { PathKey } from "./yamlDocument";

export type VariableValue = string | number | boolean;

export interface SubstitutionProblem {
  path: PathKey[];
  message: string;
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_.]*)\}/g;
const WHOLE = /^\$\{([A-Za-z_][A-Za-z0-9_.]*)\}$/;

/**
 * Replaces `${name}` placeholders in every string of a parsed document. A string that is
 * exactly one placeholder takes the variable's own type (so `within: ${detectWithin}` can
 * be a number); otherwise the value is interpolated as text. Unknown names are reported
 * at their path and left in place.
 */
export function substitute(
  value: unknown,
  lookup: (name: string) => VariableValue | undefined,
  path: PathKey[] = [],
  problems: SubstitutionProblem[] = [],
): { value: unknown; problems: SubstitutionProblem[] } {
  const visit = (v: unknown, p: PathKey[]): unknown => {
    if (typeof v === "string") return substituteString(v, lookup, p, problems);
    if (Array.isArray(v)) return v.map((item, i) => visit(item, [...p, i]));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        // The variables block itself holds defaults, not uses.
        out[k] = p.length === 0 && k === "variables" ? item : visit(item, [...p, k]);
      }
      return out;
    }
    return v;
  };
  return { value: visit(value, path), problems };
}

function substituteString(s: string, lookup: (name: string) => VariableValue | undefined, path: PathKey[], problems: SubstitutionProblem[]): unknown {
  const whole = WHOLE.exec(s);
  if (whole) {
    const found = lookup(whole[1]!);
    if (found === undefined) problems.push({ path, message: `unknown variable \${${whole[1]}}` });
    return found ?? s;
  }
  return s.replace(PLACEHOLDER, (match, name: string) => {
    const found = lookup(name);
    if (found === undefined) {
      problems.push({ path, message: `unknown variable \${${name}}` });
      return match;
    }
    return String(found);
  });
}
