import type { Component } from "./components/Component.js";

/**
 * Orders components so each comes after what it depends on (registry order breaks ties).
 * Dependencies that are not registered are ignored: a component another engineer has
 * not added yet must not block the rest of the lab.
 */
export function dependencyOrder(components: readonly Component[]): Component[] {
  const byName = new Map(components.map((c) => [c.name, c]));
  const ordered: Component[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (c: Component, path: string[]) => {
    const seen = state.get(c.name);
    if (seen === "done") return;
    if (seen === "visiting") throw new Error(`dependency cycle: ${[...path, c.name].join(" -> ")}`);
    state.set(c.name, "visiting");
    for (const dep of c.dependsOn) {
      const d = byName.get(dep);
      if (d !== undefined) visit(d, [...path, c.name]);
    }
    state.set(c.name, "done");
    ordered.push(c);
  };
  for (const c of components) visit(c, []);
  return ordered;
}

/** The named components plus everything they need, in start order. */
export function withDependencies(components: readonly Component[], names: readonly string[]): Component[] {
  const byName = new Map(components.map((c) => [c.name, c]));
  const wanted = new Set<string>();
  const add = (name: string) => {
    const c = byName.get(name);
    if (c === undefined) throw new Error(`unknown lab component "${name}" (known: ${[...byName.keys()].join(", ")})`);
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const dep of c.dependsOn) if (byName.has(dep)) add(dep);
  };
  names.forEach(add);
  return dependencyOrder(components).filter((c) => wanted.has(c.name));
}
