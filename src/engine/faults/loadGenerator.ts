/**
 * The bundled, bounded load generator used where stress-ng is missing: a Node one-liner
 * passed as argv (`node -e SOURCE -- mode workers amount ms`), so nothing is copied to the
 * target and no shell is involved. It ends by itself after `ms`, and a hard exit 2 s later
 * bounds it even if a worker misbehaves.
 *
 * cpu: `workers` threads, each busy for `amount`% of every 100 ms.
 * memory: holds `amount` (bytes, or "N%" of the free memory) in 64 MiB chunks, each page
 * written so that it is resident, until `ms` has passed.
 */
export const LOAD_GENERATOR_SOURCE = [
  'const { Worker } = require("node:worker_threads");',
  "const [mode, workers, amount, ms] = process.argv.slice(1);",
  "const end = Date.now() + Number(ms);",
  "setTimeout(() => process.exit(0), Number(ms) + 2000).unref();",
  'if (mode === "cpu") {',
  "  const busy = Number(amount);",
  "  const code = `const { end, busy } = require('node:worker_threads').workerData;",
  "    const slice = () => { const t = Date.now(); while (Date.now() - t < busy) {} if (Date.now() < end) setTimeout(slice, 100 - busy); };",
  "    slice();`;",
  "  for (let i = 0; i < Number(workers); i++) new Worker(code, { eval: true, workerData: { end, busy } });",
  "} else {",
  '  const total = amount.endsWith("%") ? (require("node:os").freemem() * parseFloat(amount)) / 100 : Number(amount);',
  "  const held = [];",
  "  for (let left = total; left > 0; left -= 64 * 1048576) held.push(Buffer.allocUnsafe(Math.min(left, 64 * 1048576)).fill(1));",
  "  setTimeout(() => held.length, Math.max(0, end - Date.now()));",
  "}",
].join("\n");

export function loadGeneratorArgv(mode: "cpu" | "memory", workers: number, amount: string, durationMs: number): string[] {
  return ["node", "-e", LOAD_GENERATOR_SOURCE, "--", mode, String(workers), amount, String(durationMs)];
}
