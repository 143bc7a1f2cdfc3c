import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { probeRtsp } from "../cameras/rtspProbe.js";
import { waitUntil } from "../http/probe.js";
import type { Component, HealthReport, LabContext } from "./Component.js";
import { healthOfProcesses, pidAlive } from "./componentHelpers.js";

const NAME = "cameras";
/** Debian's interpreter: the pyenv python3 on PATH lacks the gi bindings. */
const PYTHON = "/usr/bin/python3";
const RTSP_SERVER_TYPELIB = "/usr/lib/x86_64-linux-gnu/girepository-1.0/GstRtspServer-1.0.typelib";

export interface LabCamera {
  name: string;
  /** Main stream URL; the sub stream is the same with /stream2. */
  rtsp: string;
  address: string;
  port: number;
}

/**
 * The cameras to serve are the ones the dashboard is told to watch (ctx.settings), so the
 * RTSP servers and the dashboard's LAB_CAMERAS_FILE can never disagree.
 */
export function labCameras(ctx: LabContext): LabCamera[] {
  return ctx.settings.dashboardCameras.map((c) => {
    const url = new URL(c.rtsp);
    return { name: c.name, rtsp: c.rtsp, address: url.hostname, port: Number(url.port || 554) };
  });
}

/** The list of served cameras, for anything that wants it (same shape as the dashboard's). */
export function camerasFile(ctx: LabContext): string {
  return join(ctx.state, "cameras.json");
}

/** Process name of one camera: its PID file is lab/.state/pids/camera-<name>.pid. */
export function cameraProcessName(camera: Pick<LabCamera, "name">): string {
  return `camera-${camera.name}`;
}

async function probeAll(ctx: LabContext, timeoutMs: number): Promise<HealthReport> {
  const results = await Promise.all(labCameras(ctx).map(async (c) => ({ c, r: await probeRtsp(c.rtsp, timeoutMs) })));
  return {
    healthy: results.every(({ r }) => r.ok),
    detail: results.map(({ c, r }) => `${c.name}: ${r.ok ? `OPTIONS+DESCRIBE ${r.elapsedMs} ms` : r.error}`).join("; "),
  };
}

/** GStreamer RTSP servers standing in for the Tapo cameras, one process per camera. */
export const camerasComponent: Component = {
  name: NAME,
  dependsOn: [],
  endpoints: {},

  async available(ctx) {
    if (!existsSync(PYTHON) || !existsSync(RTSP_SERVER_TYPELIB)) {
      return { ok: false, reason: `${PYTHON} with gir1.2-gst-rtsp-server-1.0 is needed for the RTSP cameras` };
    }
    const privileged = labCameras(ctx).filter((c) => c.port < 1024);
    if (!ctx.root && privileged.length > 0) return { ok: false, reason: `RTSP port ${privileged[0]!.port} needs root` };
    return { ok: true };
  },

  async start(ctx) {
    const list = labCameras(ctx);
    await writeFile(camerasFile(ctx), `${JSON.stringify(list.map(({ name, rtsp }) => ({ name, rtsp })), null, 2)}\n`);
    const script = join(ctx.repo, "lab/cameras/rtsp_camera.py");
    for (const c of list) {
      if ((await probeRtsp(c.rtsp, 500)).optionsStatus !== undefined) throw new Error(`${c.rtsp} already answers: not a lab camera`);
      const pid = await ctx.spawn(cameraProcessName(c), PYTHON, [script, "--name", c.name, "--address", c.address, "--port", String(c.port)], {
        cwd: ctx.repo,
      });
      await waitUntil(`camera ${c.name}`, async () => ((await probeRtsp(c.rtsp, 1000)).ok ? true : "no RTSP answer"), {
        timeoutMs: 15_000,
        alive: pidAlive(pid),
      });
    }
    ctx.log(`serving ${list.map((c) => c.rtsp).join(", ")} (and /stream2)`);
  },

  health: (ctx) => healthOfProcesses(ctx, NAME, () => probeAll(ctx, 3000)),
};
