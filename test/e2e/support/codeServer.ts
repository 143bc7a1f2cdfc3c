import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const repoRoot = join(__dirname, "..", "..", "..");
export const codeServerBin = join(repoRoot, ".cache", "code-server", "node_modules", ".bin", "code-server");
export const vsixPath = join(repoRoot, ".cache", "e2e", "surveillance-chaos.vsix");
export const resultsDir = join(repoRoot, "test-results", "e2e");

export interface CodeServer {
  url: string;
  workspace: string;
  userDataDir: string;
  /** Stops code-server (its process group, by PID) and removes its temporary directories. */
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  workspace: string;
  /** false starts it WITHOUT --disable-workspace-trust, so the workspace can be left untrusted. */
  trusted: boolean;
  settings?: Record<string, unknown>;
}

/** What the e2e tests need before they can run: code-server installed and the VSIX packaged. */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(codeServerBin)) missing.push(`code-server (run scripts/e2e/installCodeServer.sh)`);
  if (!existsSync(vsixPath)) missing.push(`the VSIX (run node scripts/e2e/packageVsix.mjs)`);
  if (!existsSync("/usr/bin/chromium")) missing.push("/usr/bin/chromium (scripts/setup/system-deps.sh)");
  return missing;
}

/**
 * A throwaway workspace holding a copy of the repository's experiments/ (CT-01…CT-04 and the
 * lab inventory), with lab/ linked in so the inventory's relative paths (SSH keys, the
 * Docker socket under lab/.state) resolve as in the repository.
 */
export function experimentsWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "chaos-e2e-ws-"));
  cpSync(join(repoRoot, "experiments"), join(dir, "experiments"), { recursive: true });
  symlinkSync(join(repoRoot, "lab"), join(dir, "lab"));
  return dir;
}

/** A TCP port nobody listens on, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before answering`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const base = mkdtempSync(join(tmpdir(), "chaos-e2e-cs-"));
  const userDataDir = join(base, "user");
  const extensionsDir = join(base, "extensions");
  mkdirSync(join(userDataDir, "User"), { recursive: true });
  writeFileSync(
    join(userDataDir, "User", "settings.json"),
    JSON.stringify(
      {
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.enableExperiments": false,
        "telemetry.telemetryLevel": "off",
        "extensions.autoUpdate": false,
        "extensions.autoCheckUpdates": false,
        "security.workspace.trust.startupPrompt": "always",
        "surveillanceChaos.openDashboardOnRun": false,
        // lab/ is a link to the repository's lab: do not search or watch its state (Docker's storage).
        "search.followSymlinks": false,
        "files.watcherExclude": { "**/lab/**": true },
        ...options.settings,
      },
      null,
      2,
    ),
  );
  const common = ["--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];
  const install = spawnSync(codeServerBin, [...common, "--install-extension", vsixPath], { encoding: "utf8", timeout: 120_000 });
  if (install.status !== 0) throw new Error(`installing the VSIX failed: ${install.stdout}${install.stderr}`);
  const port = await freePort();
  const log = openSync(join(base, "code-server.log"), "a");
  const args = [
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--auth",
    "none",
    "--disable-telemetry",
    "--disable-update-check",
    ...(options.trusted ? ["--disable-workspace-trust"] : []),
    ...common,
    options.workspace,
  ];
  // Its own process group, so stop() ends code-server and the extension host it spawned, by PID.
  const child = spawn(codeServerBin, args, { detached: true, stdio: ["ignore", log, log], env: { ...process.env, SURVEILLANCE_CHAOS_E2E: "1" } });
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      const timeout = new Promise((resolve) => setTimeout(resolve, 5000, "timeout"));
      if ((await Promise.race([exited, timeout])) === "timeout") {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}healthz`, child, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `${url}?folder=${encodeURIComponent(options.workspace)}`, workspace: options.workspace, userDataDir, stop };
}

/** The extension's own log files (its LogOutputChannel), wherever the extension host put them under the user data dir. */
export function extensionLogFiles(userDataDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name === "Surveillance Chaos.log") out.push(p);
    }
  };
  if (existsSync(join(userDataDir, "logs"))) walk(join(userDataDir, "logs"));
  return out;
}
