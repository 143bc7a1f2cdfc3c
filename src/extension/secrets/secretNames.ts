/** Every secret name an inventory refers to, for the Set Secret quick pick. */
export function secretNamesIn(value: unknown): string[] {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object") {
      const rec = v as Record<string, unknown>;
      if (Object.keys(rec).length === 1 && typeof rec.secret === "string") out.add(rec.secret);
      else Object.values(rec).forEach(visit);
    }
  };
  visit(value);
  return [...out].sort();
}
