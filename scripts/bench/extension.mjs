#!/usr/bin/env node
// The extension's activation time and VSIX size, against an empty extension built, packaged,
// installed and measured the same way (esbuild bundle, vsce --no-dependencies, code-server
// 4.100.3 opened in Debian's Chromium on a workspace holding CT-01…CT-04).
// Activation is read from the extension host's own log: from "activating" to the extension's
// "activated in X ms" line (which also gives the time spent inside activate()).
// Prints figures only, no assertions. Usage: node scripts/bench/extension.mjs [--runs N]
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { packageVsix } from "../e2e/packageVsix.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const codeServer = join(root, ".cache", "code-server", "node_modules", ".bin", "code-server");
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;

if (!existsSync(codeServer)) {
  console.log("extension bench: code-server is not installed (scripts/e2e/installCodeServer.sh); skipped");
  process.exit(0);
}

/** The baseline: an extension that does nothing but log the same line, activated by the same event. */
function packageEmptyExtension() {
  const dir = mkdtempSync(join(tmpdir(), "chaos-bench-empty-"));
  mkdirSync(join(dir, "src"));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: "empty-extension",
      displayName: "Empty Extension",
      description: "Baseline for the activation and size bench",
      version: "0.0.1",
      publisher: "bench",
      engines: { vscode: "^1.95.0" },
      main: "./dist/extension.js",
      activationEvents: ["workspaceContains:**/*.chaos.yaml"],
    }),
  );
  writeFileSync(join(dir, "README.md"), "# Empty extension\n\nBaseline for scripts/bench/extension.mjs.\n");
  writeFileSync(
    join(dir, "src", "extension.ts"),
    [
      'import * as vscode from "vscode";',
      "export function activate(context: vscode.ExtensionContext): void {",
      "  const started = performance.now();",
      '  const log = vscode.window.createOutputChannel("Empty Extension", { log: true });',
      "  context.subscriptions.push(log);",
      "  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);",
      "}",
    ].join("\n"),
  );
  return build({
    entryPoints: [join(dir, "src", "extension.ts")],
    outfile: join(dir, "dist", "extension.js"),
    bundle: true,
    minify: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode"],
    logLevel: "warning",
  }).then(() => {
    const out = join(dir, "empty.vsix");
    const r = spawnSync(join(root, "node_modules", ".bin", "vsce"), ["package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "--out", out], { cwd: dir, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`vsce failed for the empty extension: ${r.stdout}${r.stderr}`);
    return { dir, vsix: out, bytes: statSync(out).size };
  });
}

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

function findFiles(dir, name) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findFiles(p, name));
    else if (e.name === name) out.push(p);
  }
  return out;
}

const stamp = (line) => {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}\.\d{3})/.exec(line);
  return m ? Date.parse(`${m[1]}T${m[2]}Z`) : undefined;
};

/** One cold start: fresh profile, install, open the workbench, read the logs. */
async function measureOnce(vsix, extensionId, logName, browser) {
  const base = mkdtempSync(join(tmpdir(), "chaos-bench-cs-"));
  const user = join(base, "user");
  const extensions = join(base, "extensions");
  const workspace = join(base, "ws");
  mkdirSync(join(user, "User"), { recursive: true });
  writeFileSync(join(user, "User", "settings.json"), JSON.stringify({ "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "surveillanceChaos.openDashboardOnRun": false }));
  cpSync(join(root, "experiments"), join(workspace, "experiments"), { recursive: true });
  const common = ["--user-data-dir", user, "--extensions-dir", extensions];
  const inst = spawnSync(codeServer, [...common, "--install-extension", vsix], { encoding: "utf8" });
  if (inst.status !== 0) throw new Error(`install failed: ${inst.stdout}${inst.stderr}`);
  const port = await freePort();
  const child = spawn(codeServer, ["--bind-addr", `127.0.0.1:${port}`, "--auth", "none", "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--log", "trace", ...common, workspace], {
    detached: true,
    stdio: "ignore",
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(`${url}healthz`)).ok) break;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const page = await browser.newPage();
    await page.goto(`${url}?folder=${encodeURIComponent(workspace)}`);
    let own;
    let activating;
    for (let i = 0; i < 300 && !(own && activating); i++) {
      await new Promise((r) => setTimeout(r, 200));
      const ownLine = findFiles(join(user, "logs"), `${logName}.log`)
        .flatMap((f) => readFileSync(f, "utf8").split("\n"))
        .find((l) => l.includes("activated in"));
      if (ownLine) own = { at: stamp(ownLine), bodyMs: Number(/activated in ([\d.]+) ms/.exec(ownLine)?.[1]) };
      // code-server's extension host is a "remote" one: remoteexthost.log.
      const hostLine = [...findFiles(join(user, "logs"), "remoteexthost.log"), ...findFiles(join(user, "logs"), "exthost.log")]
        .flatMap((f) => readFileSync(f, "utf8").split("\n"))
        .find((l) => l.includes("_doActivateExtension") && l.includes(extensionId));
      if (hostLine) activating = stamp(hostLine);
    }
    await page.close();
    if (!own) throw new Error(`${extensionId} did not log its activation`);
    return { bodyMs: own.bodyMs, totalMs: activating !== undefined && own.at !== undefined ? own.at - activating : NaN };
  } finally {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // gone already
    }
    await new Promise((r) => setTimeout(r, 1500));
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
    rmSync(base, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

const ours = packageVsix({ build: true });
const empty = await packageEmptyExtension();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
try {
  const results = {};
  for (const [name, vsix, id, logName] of [
    ["surveillance-chaos", ours.path, "surveillance-chaos.surveillance-chaos", "Surveillance Chaos"],
    ["empty extension", empty.vsix, "bench.empty-extension", "Empty Extension"],
  ]) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await measureOnce(vsix, id, logName, browser));
    results[name] = { total: median(samples.map((s) => s.totalMs)), body: median(samples.map((s) => s.bodyMs)) };
  }
  const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
  console.log(`VS Code extension (code-server 4.100.3, cold profile, median of ${runs}):`);
  console.log(`  VSIX size            surveillance-chaos ${kib(ours.bytes)}   empty extension ${kib(empty.bytes)}   ×${(ours.bytes / empty.bytes).toFixed(1)}`);
  const a = results["surveillance-chaos"];
  const b = results["empty extension"];
  console.log(`  activation (host log: activating → activated, 1 ms resolution)   ${a.total} ms   empty ${b.total} ms   +${a.total - b.total} ms`);
  console.log(`  inside activate()    ${a.body.toFixed(1)} ms   empty ${b.body.toFixed(1)} ms`);
} finally {
  await browser.close();
  rmSync(empty.dir, { recursive: true, force: true });
}
