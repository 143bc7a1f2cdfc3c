#!/usr/bin/env node
// Runs the bundled CLI when it has been built (fast start), else the TypeScript sources through tsx.
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const bundle = join(__dirname, "..", "dist", "cli.js");
if (existsSync(bundle)) {
  require(bundle).runCli();
} else {
  require("tsx/cjs");
  require(join(__dirname, "..", "src", "cli", "main.ts")).runCli();
}
