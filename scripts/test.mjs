#!/usr/bin/env node
// Runs the test tiers with Node's own test runner (TypeScript through tsx).
// Usage: node scripts/test.mjs [unit|integration|e2e|all] [file filter]
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const tiers = { unit: ["test/unit"], integration: ["test/integration"], e2e: ["test/e2e"] };
const which = process.argv[2] ?? "all";
const filter = process.argv[3];
const roots = which === "all" ? [...tiers.unit, ...tiers.integration, ...tiers.e2e] : tiers[which];
if (!roots) {
  console.error(`unknown tier ${which}: use unit, integration, e2e or all`);
  process.exit(2);
}

function collect(dir) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(collect(p));
    else if (name.endsWith(".test.ts")) out.push(relative(process.cwd(), p));
  }
  return out;
}

let exit = 0;
for (const root of roots) {
  const files = collect(root).filter((f) => !filter || f.includes(filter));
  if (files.length === 0) continue;
  console.log(`\n== ${root}: ${files.length} files`);
  // Integration and e2e files share the lab's fixed ports, so they run one file at a time.
  const concurrency = root === "test/unit" ? [] : ["--test-concurrency=1"];
  const r = spawnSync(process.execPath, ["--import", "tsx", "--test", ...concurrency, ...files], { stdio: "inherit" });
  if (r.status !== 0) exit = 1;
}
process.exit(exit);
