import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import * as z from "zod";
import { labDown, labUp } from "../../../lab/labApi.js";
import { closeServer, eventually, getJson, paths, startFakeRtsp } from "./labTestHelpers.js";

const base = "http://127.0.0.1:7777";
const quiet = () => undefined;
let camera: Awaited<ReturnType<typeof startFakeRtsp>>;

const Health = z.object({
  status: z.enum(["healthy", "warning", "critical", "error"]),
  timestamp: z.string(),
  system: z.object({ cpu: z.number(), memory: z.number(), disk: z.number(), uptime: z.number() }),
  network: z.unknown(),
  databases: z.unknown(),
  cameras: z.object({ total: z.number(), online: z.number(), offline: z.number() }),
  issues: z.array(z.object({ type: z.string(), severity: z.string() })),
});
const Cameras = z.object({
  success: z.literal(true),
  cameras: z.array(
    z.object({
      name: z.string(),
      type: z.literal("onvif"),
      groups: z.array(z.string()),
      status: z.object({ connected: z.boolean(), streaming: z.boolean(), resolution: z.string(), error: z.string().optional() }),
    }),
  ),
});
const Messages = z.object({
  count: z.number(),
  messages: z.array(
    z.object({ id: z.string(), timestamp: z.string(), severity: z.enum(["info", "warning", "alarm"]), category: z.string(), source: z.string(), title: z.string(), acknowledged: z.boolean() }),
  ),
});

before(async () => {
  await labDown({ log: quiet });
  camera = await startFakeRtsp();
  await labUp({
    only: ["supervisor"],
    log: quiet,
    settings: {
      dashboardCameras: [
        { name: "tapo_kitchen", rtsp: `rtsp://127.0.0.1:${camera.port}/stream1` },
        // Port 9 (discard) is closed on loopback: a camera that is down from the start.
        { name: "tapo_living_room", rtsp: "rtsp://127.0.0.1:9/stream1" },
      ],
    },
  });
});
after(async () => {
  await closeServer(camera.server);
  await labDown({ log: quiet });
});

test("/api/status is the cheap liveness answer", async () => {
  assert.deepEqual(await getJson(`${base}/api/status`), { status: "ok", version: "1.0.0", debug: false });
});

test("/api/health counts cameras checked over real RTSP", async () => {
  const health = await eventually("one camera online", async () => {
    const h = Health.parse(await getJson(`${base}/api/health`));
    return h.cameras.online === 1 ? h : undefined;
  }, 10_000);
  assert.deepEqual(health.cameras, { total: 2, online: 1, offline: 1 });
  const cameras = Cameras.parse(await getJson(`${base}/api/cameras`));
  const kitchen = cameras.cameras.find((c) => c.name === "tapo_kitchen");
  const living = cameras.cameras.find((c) => c.name === "tapo_living_room");
  assert.equal(kitchen?.status.connected, true);
  assert.equal(kitchen?.status.resolution, "1280x720");
  assert.equal(living?.status.connected, false);
  assert.match(living?.status.error ?? "", /refused/i);
});

test("/metrics has the real series and no HELP/TYPE lines", async () => {
  const text = await (await fetch(`${base}/metrics`)).text();
  assert.doesNotMatch(text, /^# (HELP|TYPE)/m);
  assert.match(text, /^device_health_status\{device_id="camera_tapo_kitchen",device_type="camera",name="tapo_kitchen"\} 1$/m);
  assert.match(text, /^device_health_status\{device_id="camera_tapo_living_room",device_type="camera",name="tapo_living_room"\} 0$/m);
  for (const name of ["device_health_error_count", "device_health_last_check_timestamp", "device_health_last_success_timestamp", "messages_total", "messages_warning_total", "messages_alarm_total", "messages_last_hour"]) {
    assert.match(text, new RegExp(`^${name}[{ ]`, "m"), name);
  }
  const messages = await (await fetch(`${base}/api/messages/prometheus`)).text();
  assert.match(messages, /^messages_total \d+$/m);
});

test("connection-health and trigger-health-check answer in the real shapes", async () => {
  const ch = z
    .object({
      total_devices: z.literal(2),
      online: z.number(),
      offline: z.number(),
      health_percentage: z.number(),
      by_type: z.record(z.string(), z.unknown()),
      devices: z.array(z.object({ device_id: z.string(), type: z.literal("camera"), name: z.string(), connected: z.boolean(), error_count: z.number() })),
    })
    .parse(await getJson(`${base}/api/system/connection-health`));
  assert.deepEqual(ch.devices.map((d) => d.device_id).sort(), ["camera_tapo_kitchen", "camera_tapo_living_room"]);
  const res = await fetch(`${base}/api/system/trigger-health-check`, { method: "POST" });
  assert.deepEqual(await res.json(), { success: true, message: "Health check completed" });
});

test("snapshot ids are validated and unknown cameras are 404", async () => {
  assert.equal((await fetch(`${base}/api/cameras/no_such_camera/snapshot`)).status, 404);
  assert.equal((await fetch(`${base}/api/cameras/bad.id/snapshot`)).status, 400);
  // A camera that is down has no frame to give.
  assert.equal((await fetch(`${base}/api/cameras/tapo_living_room/snapshot`)).status, 503);
});

test("a camera going down and back gives Offline, CRITICAL and Reconnected messages and log lines", async () => {
  await closeServer(camera.server);
  await eventually("CRITICAL message", async () => {
    const m = Messages.parse(await getJson(`${base}/api/messages/?severity=alarm`));
    return m.messages.some((x) => x.title === "tapo_kitchen CRITICAL") ? true : undefined;
  }, 15_000);
  const all = Messages.parse(await getJson(`${base}/api/messages/`));
  assert.ok(all.messages.some((x) => x.title === "tapo_kitchen Offline" && x.severity === "warning" && x.source === "camera_tapo_kitchen"));
  camera = await startFakeRtsp(camera.port);
  await eventually("Reconnected message", async () => {
    const m = Messages.parse(await getJson(`${base}/api/messages/?severity=info`));
    return m.messages.some((x) => x.title === "tapo_kitchen Reconnected") ? true : undefined;
  }, 10_000);
  // Only JSON lines: the log shipper's tests may append native-format lines to the same file.
  const lines = readFileSync(join(paths.logs, "tapo-camera-mcp.log"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{") && l.includes('"logger": "tapo_camera_mcp.'))
    .map((l) => z.object({ timestamp: z.string().regex(/Z$/), level: z.string(), logger: z.string(), message: z.string(), module: z.string(), function: z.string(), line: z.number() }).parse(JSON.parse(l)));
  assert.ok(lines.some((l) => l.level === "WARNING" && l.message.startsWith("Device tapo_kitchen went offline: ")));
  assert.ok(lines.some((l) => l.level === "ERROR" && /^Device tapo_kitchen CRITICAL - offline for \d+s$/.test(l.message)));
});
