import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { after, test } from "node:test";
import * as z from "zod";
import { labDown } from "../../../lab/labApi.js";
import { repoRoot } from "../../../lab/paths.js";
import { readPidMetas } from "../../../lab/process/pidFiles.js";
import { isRunning } from "../../../lab/process/procInfo.js";
import { dashboardPid, paths } from "./labTestHelpers.js";

const labctl = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "lab/labctl.ts", ...args], { cwd: repoRoot(), encoding: "utf8", timeout: 120_000 });

after(() => labDown({ log: () => undefined }));

/** Running processes whose command line names the dashboard module. */
function dashboardProcesses(): number[] {
  return readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("tapo_camera_mcp.web") && isRunning(pid);
      } catch {
        return false;
      }
    });
}

test("labctl up is idempotent, status reports it, down leaves no lab process", () => {
  const up = labctl("up", "--only", "supervisor");
  assert.equal(up.status, 0, up.stderr);
  assert.match(up.stdout, /dashboard\s+http:\/\/127\.0\.0\.1:7777/);
  const again = labctl("up", "--only", "supervisor");
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /already up and healthy/);

  const status = labctl("status", "--json");
  const parsed = z.array(z.object({ name: z.string(), state: z.string(), detail: z.string() })).parse(JSON.parse(status.stdout));
  assert.equal(parsed.find((s) => s.name === "supervisor")?.state, "healthy");
  assert.equal(parsed.find((s) => s.name === "prometheus")?.state, "not running");
  assert.equal(status.status, 1, "a lab with components not running is not healthy");

  const recorded = readPidMetas(paths.pids).map((m) => m.pid);
  const child = dashboardPid();
  assert.ok(recorded.length > 0 && child !== undefined);
  const down = labctl("down");
  assert.equal(down.status, 0, down.stderr);
  for (const pid of [...recorded, child]) assert.equal(isRunning(pid), false, `pid ${pid} still running`);
  assert.deepEqual(dashboardProcesses(), []);
  assert.deepEqual(readPidMetas(paths.pids), []);
});
