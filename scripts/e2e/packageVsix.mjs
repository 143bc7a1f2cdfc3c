#!/usr/bin/env node
// Builds the bundles (scripts/build.mjs) and packages the extension with @vscode/vsce into
// .cache/e2e/surveillance-chaos.vsix. Prints the VSIX path and size.
// Usage: node scripts/e2e/packageVsix.mjs [--skip-build]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const vsixPath = join(root, ".cache", "e2e", "surveillance-chaos.vsix");

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
}

export function packageVsix({ build = true } = {}) {
  // Minified, as it ships; the source maps stay out of the VSIX (.vscodeignore).
  if (build) run(process.execPath, ["scripts/build.mjs", "--minify"]);
  if (!existsSync(join(root, "dist", "extension.js"))) throw new Error("dist/extension.js is missing: the build did not bundle the extension");
  mkdirSync(dirname(vsixPath), { recursive: true });
  // --no-dependencies: everything that runs is bundled into dist/; node_modules is not shipped.
  run(join(root, "node_modules", ".bin", "vsce"), ["package", "--no-dependencies", "--allow-missing-repository", "--out", vsixPath]);
  return { path: vsixPath, bytes: statSync(vsixPath).size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { path, bytes } = packageVsix({ build: !process.argv.includes("--skip-build") });
  console.log(`${path} ${(bytes / 1024).toFixed(1)} KiB`);
}
