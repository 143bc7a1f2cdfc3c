#!/usr/bin/env node
// npm run bench: prints figures and ratios; no timed assertions (machines differ).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchKill } from "./bench/killVerify.mjs";
import { benchStartup } from "./bench/startup.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const startup = await benchStartup(root);
const base = startup["node -e 0"].medianMs;
console.log("CLI start-up (spawn → first stdout byte; node -e 0: spawn → exit), median of", startup["node -e 0"].runs, "runs:");
for (const [name, r] of Object.entries(startup)) {
  console.log(`  ${name.padEnd(36)} ${fmt(r.medianMs).padStart(10)}  (min ${fmt(r.minMs)})  ×${(r.medianMs / base).toFixed(2)} node -e 0`);
}
const kill = await benchKill();
console.log(`kill issued → kill verified (local process, SIGKILL, process-kill driver), ${kill.runs} runs:`);
console.log(`  median ${fmt(kill.medianMs)}, min ${fmt(kill.minMs)}, max ${fmt(kill.maxMs)}`);

// The other benches are scripts of their own (each prints its figures and ratios); they
// need the lab (npm run lab:up) and, for the extension, code-server.
for (const [script, args] of [
  ["scripts/bench/faults.mjs", []],
  ["scripts/bench/dashboard.mjs", ["--seconds", "10"]],
  ["scripts/bench/extension.mjs", []],
]) {
  if (!existsSync(join(root, script))) continue;
  console.log(`\n${script}`);
  const r = spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) console.log(`  (${script} exited ${r.status})`);
}
