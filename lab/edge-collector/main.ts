/**
 * The lab's edge agent (the real stack plans one on 9400): checks that each camera's RTSP
 * port accepts connections, serves edge_* metrics, and logs one JSON line per check to the
 * file Promtail ships as job="edge-agent".
 * Usage: tsx lab/edge-collector/main.ts --listen 127.0.0.1:9400 --cameras FILE --log FILE [--interval-ms N]
 */
import { appendFile } from "node:fs/promises";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import * as z from "zod";
import { processFamilies, renderMetrics } from "../loki-standin/promText.js";
import { readCameraList } from "./cameraList.js";
import { tcpConnectSeconds } from "./tcpCheck.js";

const Options = z.object({
  listen: z.string().regex(/^127\.\d+\.\d+\.\d+:\d+$/, "the lab binds loopback only").default("127.0.0.1:9400"),
  cameras: z.string().min(1),
  log: z.string().min(1),
  "interval-ms": z.coerce.number().int().positive().default(5000),
});

interface CameraState {
  up: number;
  connectSeconds: number;
  checks: number;
  failures: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { listen: { type: "string" }, cameras: { type: "string" }, log: { type: "string" }, "interval-ms": { type: "string" } } });
  const opts = Options.parse(values);
  const [host, port] = opts.listen.split(":") as [string, string];
  const startedAt = Date.now();
  const cameras = new Map<string, CameraState>();
  let heartbeats = 0;
  let logFailures = 0;

  const log = async (level: string, message: string, fields: Record<string, unknown> = {}): Promise<void> => {
    const line = JSON.stringify({ timestamp: new Date().toISOString(), level, logger: "edge_agent", message, ...fields });
    // A full or blocked log disk must not stop the agent's checks, only be counted.
    await appendFile(opts.log, `${line}\n`).catch(() => logFailures++);
  };

  const check = async (): Promise<void> => {
    heartbeats++;
    for (const cam of await readCameraList(opts.cameras)) {
      const url = new URL(cam.rtsp);
      const seconds = await tcpConnectSeconds(url.hostname, Number(url.port || 554), 2000);
      const state = cameras.get(cam.name) ?? { up: 0, connectSeconds: NaN, checks: 0, failures: 0 };
      const wasUp = state.up;
      state.checks++;
      state.up = seconds === undefined ? 0 : 1;
      state.connectSeconds = seconds ?? NaN;
      if (seconds === undefined) state.failures++;
      cameras.set(cam.name, state);
      if (seconds === undefined) await log("WARNING", `camera ${cam.name} unreachable on ${url.host}`, { camera: cam.name });
      else if (!wasUp) await log("INFO", `camera ${cam.name} reachable on ${url.host}`, { camera: cam.name, connect_ms: Math.round(seconds * 1000) });
    }
    await log("INFO", "heartbeat", { heartbeat: heartbeats, cameras: cameras.size });
  };

  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void check().finally(() => (running = false));
  }, opts["interval-ms"]);
  void check();

  const metrics = (): string =>
    renderMetrics([
      { name: "edge_agent_info", help: "Edge agent identity.", type: "gauge", samples: [{ labels: { version: "lab", site: "lab" }, value: 1 }] },
      { name: "edge_agent_uptime_seconds", help: "Seconds since the agent started.", type: "gauge", samples: [{ value: (Date.now() - startedAt) / 1000 }] },
      { name: "edge_agent_heartbeats_total", help: "Check rounds run.", type: "counter", samples: [{ value: heartbeats }] },
      { name: "edge_agent_log_write_failures_total", help: "Log lines that could not be written.", type: "counter", samples: [{ value: logFailures }] },
      { name: "edge_camera_rtsp_up", help: "1 when the camera's RTSP port accepted a TCP connection at the last check.", type: "gauge", samples: [...cameras].map(([camera, s]) => ({ labels: { camera }, value: s.up })) },
      { name: "edge_camera_rtsp_connect_seconds", help: "TCP connect time to the camera's RTSP port at the last check.", type: "gauge", samples: [...cameras].map(([camera, s]) => ({ labels: { camera }, value: s.connectSeconds })) },
      { name: "edge_camera_checks_total", help: "Camera reachability checks.", type: "counter", samples: [...cameras].map(([camera, s]) => ({ labels: { camera }, value: s.checks })) },
      { name: "edge_camera_check_failures_total", help: "Failed camera reachability checks.", type: "counter", samples: [...cameras].map(([camera, s]) => ({ labels: { camera }, value: s.failures })) },
      ...processFamilies(startedAt),
    ]);

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://edge").pathname;
    if (path === "/metrics") res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" }).end(metrics());
    else if (path === "/healthz") res.writeHead(200, { "Content-Type": "text/plain" }).end("ok\n");
    else res.writeHead(404, { "Content-Type": "text/plain" }).end("404 page not found\n");
  });
  server.listen(Number(port), host, () => console.log(`edge-collector listening on ${opts.listen}, logging to ${opts.log}`));

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      clearInterval(timer);
      server.closeAllConnections();
      server.close(() => process.exit(0));
    });
  }
}

main().catch((e: unknown) => {
  console.error(`edge-collector: ${(e as Error).message}`);
  process.exit(1);
});
