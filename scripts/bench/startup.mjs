// CLI start-up: time from spawn to the first byte on stdout, against `node -e 0` (spawn to
// exit) measured in the same run, so the figure says what the CLI adds over Node itself.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function timeToFirstOutput(argv, cwd) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let first;
    const child = spawn(process.execPath, argv, { cwd, stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.once("data", () => (first ??= process.hrtime.bigint()));
    child.on("error", reject);
    child.on("close", (code) => {
      const end = process.hrtime.bigint();
      if (code !== 0) return reject(new Error(`${argv.join(" ")} exited ${code}`));
      resolve(Number((first ?? end) - start) / 1e6);
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchStartup(root, runs = 7) {
  const journal = mkdtempSync(join(tmpdir(), "sc-bench-"));
  const cases = [
    ["node -e 0", ["-e", "0"]],
    ["surveillance-chaos --version", ["bin/surveillance-chaos.js", "--version"]],
    ["surveillance-chaos status --json", ["bin/surveillance-chaos.js", "status", "--json", "--journal-dir", journal]],
  ];
  const out = {};
  try {
    for (const [name, argv] of cases) {
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await timeToFirstOutput(argv, root));
      out[name] = { medianMs: median(samples), minMs: Math.min(...samples), runs };
    }
  } finally {
    rmSync(journal, { recursive: true, force: true });
  }
  return out;
}
