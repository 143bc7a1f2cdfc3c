/**
 * The README's first command, as a user runs it: `npm run demo` with the lab down starts the
 * lab and a real VS Code with the extension, prints the URL; the workbench at that URL shows
 * the Surveillance Chaos sidebar; Ctrl-C (SIGINT to the foreground process group, as a
 * terminal sends it) stops code-server and the lab, leaving no process of either. The lab is
 * brought back up afterwards for the other e2e files.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { labDown, labUp } from "../../lab/labApi.js";
import { labPaths } from "../../lab/paths.js";
import { readPidMetas } from "../../lab/process/pidFiles.js";
import { isRunning, processesByArgv, runsLabCode } from "../../lab/process/procInfo.js";
import { freePort, repoRoot } from "./support/codeServer";
import { launchBrowser, Workbench } from "./support/workbench";

const quiet = (): undefined => undefined;

/** Live processes of the lab or of the demo's code-server. */
const survivors = () => processesByArgv((argv) => runsLabCode(repoRoot, argv) || argv.includes(join(repoRoot, ".cache", "demo")));

before(async () => {
  await labDown({ log: quiet });
});

after(async () => {
  await labUp({ log: quiet });
});

test("npm run demo starts the lab and VS Code with the extension; Ctrl-C leaves nothing running", { timeout: 600_000 }, async () => {
  const port = await freePort();
  // detached: its own process group, like a terminal's foreground job, so Ctrl-C can be sent to the group.
  const demo = spawn("npm", ["run", "demo"], { cwd: repoRoot, detached: true, env: { ...process.env, DEMO_PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  demo.stdout.on("data", (b: Buffer) => (output += b.toString()));
  demo.stderr.on("data", (b: Buffer) => (output += b.toString()));
  // "close", not "exit": npm may end at Ctrl-C before the script's cleanup does, and the
  // script holds the pipes until it has stopped everything.
  const exited = new Promise<string>((resolve) => demo.once("close", (code, signal) => resolve(signal ?? `code ${String(code)}`)));
  const interrupt = () => {
    try {
      process.kill(-demo.pid!, "SIGINT");
    } catch {
      // already gone
    }
  };

  try {
    const deadline = Date.now() + 480_000;
    while (!output.includes("Surveillance Chaos demo is ready.")) {
      if (demo.exitCode !== null) assert.fail(`the demo exited with ${demo.exitCode} before it was ready:\n${output.slice(-3000)}`);
      if (Date.now() > deadline) assert.fail(`the demo was not ready within 8 min:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const m = /VS Code \(code-server, pid (\d+)\):\s+(http:\/\/127\.0\.0\.1:(\d+)\/\?folder=\S+)/.exec(output);
    assert.ok(m, `the demo prints code-server's pid and URL:\n${output.slice(-2000)}`);
    const [, pid, url, printedPort] = m;
    assert.equal(Number(printedPort), port, "on the port asked for with DEMO_PORT");
    assert.match(output, /prometheus\s+http:\/\/127\.0\.0\.1:9090/, "the lab's endpoints are printed");

    const status = spawnSync(process.execPath, ["--import", "tsx", join(repoRoot, "lab", "labctl.ts"), "status"], { cwd: repoRoot, encoding: "utf8" });
    assert.equal(status.status, 0, `npm run lab:status is all green:\n${status.stdout}${status.stderr}`);

    const browser = await launchBrowser();
    try {
      const wb = await Workbench.open(browser, url!);
      const sidebar = await wb.openSidebar();
      for (const id of ["CT-01", "CT-02", "CT-03", "CT-04"]) await sidebar.row("Experiments", id).waitFor({ timeout: 60_000 });
      await sidebar.row("Targets", /tapo_kitchen.*reachable/).waitFor({ timeout: 30_000 });
      await wb.screenshot("demo");
    } finally {
      await browser.close();
    }

    interrupt();
    const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(r, 120_000, "timeout"))]);
    assert.notEqual(code, "timeout", `the demo did not stop within 2 min of Ctrl-C:\n${output.slice(-2000)}`);
    assert.equal(isRunning(Number(pid)), false, "code-server is stopped");
    assert.match(output, /stopping code-server/);
    assert.match(output, /lab down/);
    assert.deepEqual(readPidMetas(labPaths(repoRoot).pids), [], "no lab pid records left");
    assert.deepEqual(survivors(), [], "no process of the lab or of the demo's code-server");
    console.log(`demo: ready, workbench showed the sidebar, Ctrl-C → npm ended by ${code}, nothing left running`);
  } finally {
    if (demo.exitCode === null || demo.stdout.readable) {
      interrupt();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 60_000))]);
    }
  }
});
