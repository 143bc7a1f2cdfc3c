import { rmSync } from "node:fs";
import { after, before } from "node:test";
import type { Browser } from "playwright-core";
import { experimentsWorkspace, missingPrerequisites, startCodeServer, type CodeServer, type CodeServerOptions } from "./codeServer";
import { launchBrowser } from "./workbench";

export interface E2eSession {
  readonly server: CodeServer;
  readonly browser: Browser;
  readonly workspace: string;
}

/**
 * One code-server on a throwaway copy of the experiments, and one Chromium, for a whole
 * test file: started before its tests, stopped (by PID) and removed after them.
 * `prepare` may add files to the workspace before code-server opens it.
 */
export function useE2eSession(options: Omit<CodeServerOptions, "workspace"> & { prepare?: (workspace: string) => void }): E2eSession {
  const missing = missingPrerequisites();
  if (missing.length > 0) throw new Error(`e2e prerequisites missing: ${missing.join(", ")}`);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workspace: string | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e session's ${what} is not started (use it inside a test)`);
    return value;
  };

  before(async () => {
    workspace = experimentsWorkspace();
    options.prepare?.(workspace);
    server = await startCodeServer({ ...options, workspace });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  return {
    get server() {
      return started(server, "code-server");
    },
    get browser() {
      return started(browser, "browser");
    },
    get workspace() {
      return started(workspace, "workspace");
    },
  };
}
