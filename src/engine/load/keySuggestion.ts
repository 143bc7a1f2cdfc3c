import type * as z from "zod";
import type { PathKey } from "./yamlDocument";

/** The parts of zod's internal definitions that lead from a schema to the object schemas inside it. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Wrappers whose inner schema sees the same value. */
function unwrap(schema: z.ZodType): z.ZodType {
  for (;;) {
    const def = defOf(schema);
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined) ?? (def.type === "lazy" ? def.getter?.() : undefined);
    if (inner === undefined) return schema;
    schema = inner;
  }
}

/** The union's options that can hold `value`: the one its discriminator names, or all when it names none. */
function optionsFor(def: Def, value: unknown): z.ZodType[] {
  const options = def.options ?? [];
  const key = def.discriminator;
  if (key === undefined || typeof value !== "object" || value === null) return options;
  const tag = (value as Record<string, unknown>)[key];
  const named = options.filter((o) => {
    const literal = defOf(unwrap(o)).shape?.[key];
    return literal !== undefined && (defOf(unwrap(literal)).values ?? []).includes(tag);
  });
  return named.length > 0 ? named : options;
}

/** Every key an object schema at `path` (of `value`) accepts; unions contribute each candidate's keys. */
export function knownKeysAt(schema: z.ZodType, path: readonly PathKey[], value: unknown): Set<string> {
  const keys = new Set<string>();
  const walk = (s: z.ZodType, rest: readonly PathKey[], v: unknown): void => {
    const def = defOf(unwrap(s));
    if (def.type === "union") {
      for (const o of optionsFor(def, v)) walk(o, rest, v);
      return;
    }
    const [head, ...tail] = rest;
    const child = (k: PathKey) => (typeof v === "object" && v !== null ? (v as Record<string | number, unknown>)[k] : undefined);
    if (head === undefined) {
      for (const k of Object.keys(def.shape ?? {})) keys.add(k);
    } else if (def.type === "object" && typeof head === "string" && def.shape?.[head]) {
      walk(def.shape[head], tail, child(head));
    } else if (def.type === "array" && typeof head === "number" && def.element) {
      walk(def.element, tail, child(head));
    } else if (def.type === "record" && def.valueType) {
      walk(def.valueType, tail, child(head));
    }
  };
  walk(schema, path, value);
  return keys;
}

/** Optimal string alignment distance: a swap of two neighbours counts as one edit (`titel` → `title`). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known key a misspelt one most likely meant: at most 2 edits, and fewer than half its letters. */
export function closestKey(key: string, known: Iterable<string>): string | undefined {
  let best: { key: string; distance: number } | undefined;
  const lower = key.toLowerCase();
  for (const k of known) {
    const distance = editDistance(lower, k.toLowerCase());
    if (distance <= 2 && distance * 2 < Math.max(key.length, k.length) && (best === undefined || distance < best.distance)) best = { key: k, distance };
  }
  return best?.key;
}
