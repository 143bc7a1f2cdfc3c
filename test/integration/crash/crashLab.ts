import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readJournal } from "../../../src/engine/journal/journalReader";
import type { JournalEvent } from "../../../src/engine/journal/journalEvents";

/**
 * The crash tests drive the real CLI (bin/surveillance-chaos.js) against the lab's sshd
 * (127.0.0.1:2222, `npm run lab:up`), as a user would: temp inventory, temp experiment,
 * temp journal directory.
 */
export const ROOT = resolve(__dirname, "..", "..", "..");
const SSH_DIR = join(ROOT, "lab", ".state", "ssh");
export const LAB_SSH = { host: "127.0.0.1", port: 2222, keyFile: join(SSH_DIR, "user_ed25519"), knownHosts: join(SSH_DIR, "known_hosts") };
const BIN = join(ROOT, "bin", "surveillance-chaos.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

/** The lab's sshd must answer, and bin/ must run the sources under test (it prefers dist/cli.js when built). */
export async function prepareCrashLab(): Promise<void> {
  const up = await new Promise<boolean>((r) => {
    const s = connect(LAB_SSH.port, LAB_SSH.host, () => (s.destroy(), r(true)));
    s.on("error", () => r(false));
  });
  if (!up || !existsSync(LAB_SSH.keyFile)) throw new Error("the lab's sshd is not up on 127.0.0.1:2222: run `npm run lab:up` (or `npx tsx lab/labctl.ts up --only ssh-door`)");
  const bundle = join(ROOT, "dist", "cli.js");
  if (existsSync(bundle) && statSync(bundle).mtimeMs < newestMtime(join(ROOT, "src"))) {
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`the CLI bundle is stale and could not be rebuilt: ${r.stderr}`);
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An inventory with one ssh target, `hub-ssh`, on the lab's sshd; `transport` overrides pieces of it. */
export function writeInventory(dir: string, options: { margin?: string; transport?: Record<string, unknown>; targetName?: string } = {}): string {
  const transport = { type: "ssh", host: LAB_SSH.host, port: LAB_SSH.port, user: "root", keyFile: LAB_SSH.keyFile, knownHostsFile: LAB_SSH.knownHosts, ...options.transport };
  const inventory = {
    version: 1,
    services: { prometheus: { url: "http://127.0.0.1:9090", kind: "prometheus" }, alertmanager: { url: "http://127.0.0.1:9093", kind: "alertmanager" } },
    targets: { [options.targetName ?? "hub-ssh"]: { allowChaos: true, transport } },
    safety: { deadManMargin: options.margin ?? "3s" },
  };
  const file = join(dir, "targets.yaml");
  // JSON is YAML: every hostile string reaches the loader exactly as written.
  writeFileSync(file, JSON.stringify(inventory, null, 2));
  return file;
}

export function writeExperiment(dir: string, faults: unknown[], extra: Record<string, unknown> = {}): string {
  const file = join(dir, "crash.chaos.yaml");
  writeFileSync(file, JSON.stringify({ id: "CRASH-01", title: "faults over SSH, runner killed", component: "test", faults, observe: { interval: "500ms" }, ...extra }, null, 2));
  return file;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the CLI to completion. */
export function cli(args: string[], timeoutMs = 60_000): Promise<CliResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((r) =>
    child.once("close", (code) => {
      clearTimeout(timer);
      r({ code, stdout, stderr, ms: performance.now() - started });
    }),
  );
}

/** Starts a run in the background (to be killed). */
export function startRun(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, "run", ...args], { cwd: ROOT, stdio: "ignore" });
}

export function journalEvents(journalDir: string): JournalEvent[] {
  return readdirSync(journalDir)
    .filter((n) => n.endsWith(".jsonl"))
    .flatMap((n) => readJournal(join(journalDir, n)).events);
}

/** Waits until the journal says `n` faults were injected (and verified). */
export async function waitForInjected(journalDir: string, n: number, child: ChildProcess, timeoutMs = 30_000): Promise<JournalEvent[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the run exited (${child.exitCode}) before injecting`);
    const events = existsSync(journalDir) ? journalEvents(journalDir) : [];
    if (events.filter((e) => e.type === "fault-injected" && e.verified).length >= n) return events;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${n} fault(s) not injected within ${timeoutMs} ms`);
}

export function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGKILL");
  return exited;
}

export function modeOf(path: string): number {
  return statSync(path).mode & 0o7777;
}

/** Dead-man timers of one run still running on this host (the lab's sshd is this host). */
export function deadManTimers(runId: string): string {
  return spawnSync("pgrep", ["-af", `[s]c-deadman:sc-${runId}-`], { encoding: "utf8" }).stdout.trim();
}
