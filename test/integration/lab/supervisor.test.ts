import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { labDown, labUp } from "../../../lab/labApi.js";
import { readPidMetas } from "../../../lab/process/pidFiles.js";
import { isRunning, procArgv } from "../../../lab/process/procInfo.js";
import { dashboardHoldFile, dashboardPid, eventually, paths, sleep } from "./labTestHelpers.js";

const quiet = () => undefined;
const statusUrl = "http://127.0.0.1:7777/api/status";

async function dashboardAnswers(): Promise<boolean> {
  try {
    const res = await fetch(statusUrl, { signal: AbortSignal.timeout(1000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** A new dashboard PID that is running and answering. */
async function restartedDashboard(oldPid: number, timeoutMs: number): Promise<number> {
  return eventually(
    "a restarted dashboard",
    async () => {
      const pid = dashboardPid();
      return pid !== undefined && pid !== oldPid && isRunning(pid) && (await dashboardAnswers()) ? pid : undefined;
    },
    timeoutMs,
  );
}

before(async () => {
  await labDown({ log: quiet });
  await labUp({ only: ["supervisor"], log: quiet });
});
after(async () => {
  rmSync(dashboardHoldFile, { force: true });
  await labDown({ log: quiet });
});

test("the dashboard runs with the real command line and the supervisor's does not match CT-01's pattern", () => {
  const pid = dashboardPid();
  assert.ok(pid !== undefined && isRunning(pid));
  assert.deepEqual(procArgv(pid), ["/usr/bin/python3", "-m", "tapo_camera_mcp.web", "--host", "127.0.0.1", "--port", "7777"]);
  const supervisor = readPidMetas(paths.pids).find((m) => m.component === "supervisor");
  assert.ok(supervisor !== undefined);
  assert.ok(!(procArgv(supervisor.pid) ?? []).join(" ").includes("tapo_camera_mcp.web"));
});

test("killing the dashboard makes the supervisor restart it with a new PID within seconds", async () => {
  const oldPid = dashboardPid();
  assert.ok(oldPid !== undefined);
  const killedAt = Date.now();
  process.kill(oldPid, "SIGKILL");
  const newPid = await restartedDashboard(oldPid, 15_000);
  assert.notEqual(newPid, oldPid);
  assert.ok(Date.now() - killedAt < 15_000);
  const log = readFileSync(join(paths.logs, "supervisor.log"), "utf8");
  assert.match(log, new RegExp(`restarting tapo-camera-mcp after signal SIGKILL \\(pid ${oldPid}\\)`));
});

test("a frozen dashboard (SIGSTOP) is restarted once its health checks time out", async () => {
  const oldPid = dashboardPid();
  assert.ok(oldPid !== undefined);
  process.kill(oldPid, "SIGSTOP");
  // 5 s health timeout + up to 3 s stop grace + 8 s back-off.
  const newPid = await restartedDashboard(oldPid, 30_000);
  assert.notEqual(newPid, oldPid);
  assert.equal(isRunning(oldPid), false);
  assert.match(readFileSync(join(paths.logs, "supervisor.log"), "utf8"), /restarting tapo-camera-mcp after failed health check/);
});

test("the hold file stops the dashboard and keeps it stopped; removing it starts it again", async () => {
  const oldPid = dashboardPid();
  assert.ok(oldPid !== undefined);
  writeFileSync(dashboardHoldFile, "held by the integration test\n");
  await eventually("dashboard stopped by hold file", () => (!isRunning(oldPid) && dashboardPid() === undefined ? true : undefined), 8000);
  await sleep(3000); // longer than several back-off periods: nothing may restart it
  assert.equal(dashboardPid(), undefined);
  assert.equal(await dashboardAnswers(), false);
  rmSync(dashboardHoldFile);
  const newPid = await restartedDashboard(oldPid, 5000);
  assert.notEqual(newPid, oldPid);
});
