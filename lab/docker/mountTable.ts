import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { runCommand } from "./runCommand.js";

/** Mount points at or under `dir`, deepest first (the order they must be unmounted in). */
export async function mountsUnder(dir: string): Promise<string[]> {
  const root = resolve(dir);
  const table = await readFile("/proc/self/mountinfo", "utf8");
  const points = table
    .split("\n")
    .map((line) => line.split(" ")[4])
    .filter((p): p is string => p !== undefined)
    // mountinfo escapes spaces and friends as octal (\040).
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((p) => p === root || p.startsWith(`${root}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

export async function isMountPoint(dir: string): Promise<boolean> {
  return (await mountsUnder(dir)).includes(resolve(dir));
}

/** Unmounts everything at or under `dir`; lazily when busy, so clean-up never leaves a mount. */
export async function unmountAll(dir: string): Promise<string[]> {
  const done: string[] = [];
  for (const point of await mountsUnder(dir)) {
    const r = await runCommand("umount", [point]);
    if (r.code !== 0) await runCommand("umount", ["-l", point]);
    done.push(point);
  }
  return done;
}
