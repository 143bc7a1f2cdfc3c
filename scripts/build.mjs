#!/usr/bin/env node
// Bundles the extension, the CLI and the webview (scripts/build-webview.mjs) with esbuild, and generates the JSON
// Schemas (draft-07, for contributes.yamlValidation) from the zod schemas, so the types,
// the runtime validation and the editor's completion all come from one definition.
// Usage: node scripts/build.mjs [--watch] [--minify]
import { build, context } from "esbuild";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildWebview } from "./build-webview.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const watch = process.argv.includes("--watch");
const minify = process.argv.includes("--minify");
const at = (p) => join(root, p);

const common = { bundle: true, sourcemap: true, minify, logLevel: "info", absWorkingDir: root };
const targets = [
  {
    ...common,
    entryPoints: [at("src/cli/main.ts")],
    outfile: at("dist/cli.js"),
    platform: "node",
    format: "cjs",
    target: "node20",
    // ssh2's optional native add-ons: ssh2 falls back to pure JS without them.
    external: ["cpu-features", "*.node"],
  },
];
if (existsSync(at("src/extension/extension.ts"))) {
  targets.push({
    ...common,
    entryPoints: [at("src/extension/extension.ts")],
    outfile: at("dist/extension.js"),
    platform: "node",
    format: "cjs",
    target: "node20",
    // The runner, drivers, ssh2 and dockerode are a bundle of their own, required on the
    // first run: activation parses only what browsing needs.
    external: ["vscode", "cpu-features", "*.node", "./engineRuntime"],
  });
  targets.push({
    ...common,
    entryPoints: [at("src/extension/run/engineRuntime.ts")],
    outfile: at("dist/engineRuntime.js"),
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["cpu-features", "*.node"],
  });
}
/** Loads the zod schemas from the TypeScript sources (bundled to a temporary CommonJS file) and writes their JSON Schemas. */
async function generateSchemas() {
  const out = await build({
    stdin: {
      contents: [
        'export { ExperimentSchema } from "./src/engine/model/experimentSchema";',
        'export { InventorySchema } from "./src/engine/model/inventorySchema";',
        'export { z } from "zod";',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    write: false,
    platform: "node",
    format: "cjs",
    logLevel: "warning",
  });
  const dir = mkdtempSync(join(tmpdir(), "sc-schemas-"));
  try {
    const file = join(dir, "schemas.cjs");
    writeFileSync(file, out.outputFiles[0].text);
    const { z, ExperimentSchema, InventorySchema } = createRequire(import.meta.url)(file);
    mkdirSync(at("schemas"), { recursive: true });
    const write = (name, schema, title) => {
      const json = { ...z.toJSONSchema(schema, { target: "draft-7", io: "input" }), title };
      writeFileSync(at(`schemas/${name}`), `${JSON.stringify(json, null, 2)}\n`);
      console.log(`  schemas/${name}`);
    };
    write("experiment.schema.json", ExperimentSchema, "Surveillance Chaos experiment (*.chaos.yaml)");
    write("targets.schema.json", InventorySchema, "Surveillance Chaos inventory (targets.yaml)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The dashboard page has its own build (browser bundle, its CSS and the codicon font).
if (watch) {
  for (const options of targets) await (await context(options)).watch();
  await buildWebview({ watch: true });
  console.log("watching…");
} else {
  await Promise.all([...targets.map((options) => build(options)), buildWebview()]);
  await generateSchemas();
}
