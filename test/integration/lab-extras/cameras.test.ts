import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { cameraProcessName, camerasComponent, camerasFile, labCameras } from "../../../lab/components/cameras.js";
import { edgeAgentLog } from "../../../lab/components/edgeCollector.js";
import { supervisorComponent } from "../../../lab/components/supervisor.js";
import { probeRtsp } from "../../../lab/cameras/rtspProbe.js";
import { runCommand } from "../../../lab/docker/runCommand.js";
import { labPaths, repoRoot } from "../../../lab/paths.js";
import { readPidMetas } from "../../../lab/process/pidFiles.js";
import { labPorts, labUrl } from "../../../lab/ports.js";
import { downExtras, eventually, extrasContext, metricValue, upExtras } from "./extrasLab.js";

// The edge collector runs under the lab supervisor, as on the real hub.
const components = [camerasComponent, supervisorComponent];
const ctx = extrasContext("cameras");
const cams = labCameras(ctx);

function cameraPid(name: string): number {
  const meta = readPidMetas(labPaths(repoRoot()).pids).find((m) => m.name === cameraProcessName({ name }));
  assert.ok(meta, `no pid recorded for ${name}`);
  return meta.pid;
}

before(async () => {
  if ((await camerasComponent.available(ctx)).ok) await upExtras(components);
});

after(async () => {
  // A test that failed half-way must not leave a camera frozen: SIGTERM cannot reach a stopped process.
  for (const c of cams) {
    try {
      process.kill(cameraPid(c.name), "SIGCONT");
    } catch {
      // Not running: nothing to thaw.
    }
  }
  await downExtras(components);
});

test("each camera answers OPTIONS and DESCRIBE on /stream1 and /stream2 with H.264", async () => {
  assert.ok((await camerasComponent.available(ctx)).ok, "RTSP server not available");
  assert.deepEqual(JSON.parse(await readFile(camerasFile(ctx), "utf8")), cams.map(({ name, rtsp }) => ({ name, rtsp })));
  for (const c of cams) {
    for (const url of [c.rtsp, c.rtsp.replace(/stream1$/, "stream2")]) {
      const r = await probeRtsp(url, 3000);
      assert.equal(r.ok, true, `${url}: ${r.error ?? ""}`);
      assert.match(r.sdp ?? "", /a=rtpmap:96 H264\/90000/);
    }
  }
});

test("ffprobe over RTSP/TCP reads an H.264 stream from every camera", { timeout: 60_000 }, async () => {
  assert.ok((await camerasComponent.available(ctx)).ok, "RTSP server not available");
  const results = await Promise.all(
    cams.map((c) =>
      runCommand("ffprobe", ["-v", "error", "-rtsp_transport", "tcp", "-show_entries", "stream=codec_name,width,height", "-of", "json", c.rtsp], { timeoutMs: 30_000 }),
    ),
  );
  for (const r of results) {
    assert.equal(r.code, 0, r.stderr);
    const streams = (JSON.parse(r.stdout) as { streams: { codec_name: string; width: number; height: number }[] }).streams;
    assert.deepEqual(streams, [{ codec_name: "h264", width: 320, height: 180 }]);
  }
});

test("SIGSTOP freezes a camera (DESCRIBE times out) and SIGCONT brings it back", async () => {
  assert.ok((await camerasComponent.available(ctx)).ok, "RTSP server not available");
  const cam = cams[0]!;
  const pid = cameraPid(cam.name);
  process.kill(pid, "SIGSTOP");
  try {
    const frozen = await probeRtsp(cam.rtsp, 1500);
    assert.equal(frozen.ok, false);
    assert.match(frozen.error ?? "", /timed out/);
    const other = await probeRtsp(cams[1]!.rtsp, 3000);
    assert.equal(other.ok, true, "the other camera is unaffected");
    const health = await camerasComponent.health(ctx);
    assert.equal(health.healthy, false);
  } finally {
    process.kill(pid, "SIGCONT");
  }
  const t0 = Date.now();
  const back = await eventually("camera answers again", async () => ((await probeRtsp(cam.rtsp, 1000)).ok ? true : undefined), 5000);
  assert.equal(back, true);
  console.log(`# ${cam.name} answered again ${Date.now() - t0} ms after SIGCONT`);
});

test("the edge collector reports camera reachability and logs JSON lines", async () => {
  assert.ok((await camerasComponent.available(ctx)).ok, "RTSP server not available");
  const metrics = labUrl(labPorts.edgeAgent, "/metrics");
  for (const c of cams) {
    await eventually(`edge_camera_rtsp_up for ${c.name}`, async () => ((await metricValue(metrics, "edge_camera_rtsp_up", { camera: c.name })) === 1 ? true : undefined), 8000);
  }
  assert.ok((await metricValue(metrics, "process_resident_memory_bytes")) > 0);
  const lines = (await readFile(edgeAgentLog(ctx), "utf8")).trim().split("\n");
  const last = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
  assert.equal(last.logger, "edge_agent");
  assert.match(String(last.timestamp), /Z$/);
});
