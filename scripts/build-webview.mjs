#!/usr/bin/env node
// Builds the dashboard page: webview/src/main.ts → dist/webview/main.js (+ main.css, from the
// CSS it imports), and copies the codicon font and stylesheet next to it, since the page's
// CSP only lets it load files from the extension (no CDN).
// Usage: node scripts/build-webview.mjs [--watch] [--dev]; also `import { buildWebview }`.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "webview");

/** @param {{ dev?: boolean, watch?: boolean }} [options] */
export async function buildWebview(options = {}) {
  mkdirSync(out, { recursive: true });
  const codicons = join(root, "node_modules", "@vscode", "codicons", "dist");
  for (const file of ["codicon.css", "codicon.ttf"]) copyFileSync(join(codicons, file), join(out, file));
  const config = {
    entryPoints: [join(root, "webview", "src", "main.ts")],
    outfile: join(out, "main.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["chrome120"],
    minify: !options.dev,
    sourcemap: options.dev ? "linked" : false,
    tsconfig: join(root, "webview", "tsconfig.json"),
    logLevel: "warning",
    legalComments: "none",
  };
  if (options.watch) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
    return ctx;
  }
  await esbuild.build(config);
  return undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const watch = process.argv.includes("--watch");
  await buildWebview({ watch, dev: process.argv.includes("--dev") || watch });
  if (!watch) console.log(`webview built to ${out}`);
}
