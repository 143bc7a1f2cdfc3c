import assert from "node:assert/strict";
import { appendFile, mkdir, rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { lokiChunksDir, lokiStandinComponent } from "../../../lab/components/lokiStandin.js";
import { shipperComponent } from "../../../lab/components/shipper.js";
import { isMountPoint } from "../../../lab/docker/mountTable.js";
import { labPorts, labUrl } from "../../../lab/ports.js";
import { downExtras, eventually, extrasContext, metricValue, upExtras } from "./extrasLab.js";

const components = [lokiStandinComponent, shipperComponent];
const loki = labUrl(labPorts.loki);
const promtailMetrics = labUrl(labPorts.promtail, "/metrics");
const ctx = extrasContext("loki-standin");
// Appended to, never truncated: the dashboard may be writing it (a lab may be up).
const appLog = join(ctx.state, "logs", "tapo-camera-mcp.log");
const edgeLog = join(ctx.state, "logs", "edge-agent.log");
const host = { host: `127.0.0.1:${labPorts.loki}` };

before(async () => {
  await mkdir(join(ctx.state, "logs"), { recursive: true });
  await upExtras(components);
});

after(async () => {
  await rm(join(lokiChunksDir(ctx), "filler.bin"), { force: true });
  await downExtras(components);
  assert.equal(await isMountPoint(lokiChunksDir(ctx)), false, "tmpfs left mounted");
});

async function push(body: unknown, gzip = false): Promise<Response> {
  const raw = Buffer.from(JSON.stringify(body));
  return fetch(`${loki}/loki/api/v1/push`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(gzip ? { "Content-Encoding": "gzip" } : {}) },
    body: gzip ? gzipSync(raw) : raw,
  });
}

test("push then query_range round trip, in Loki's response format", async () => {
  const ns = BigInt(Date.now()) * 1_000_000n;
  const res = await push({ streams: [{ stream: { job: "roundtrip", level: "ERROR" }, values: [[String(ns), "ERROR camera gone"], [String(ns + 1n), "INFO fine"]] }] }, true);
  assert.equal(res.status, 204);
  const q = new URLSearchParams({ query: '{job="roundtrip"} |= "ERROR"', start: String(ns - 1_000_000_000n), end: String(ns + 1_000_000_000n) });
  const body = await (await fetch(`${loki}/loki/api/v1/query_range?${q}`)).json();
  assert.deepEqual(body, {
    status: "success",
    data: { resultType: "streams", result: [{ stream: { job: "roundtrip", level: "ERROR" }, values: [[String(ns), "ERROR camera gone"]] }] },
  });
  const m = new URLSearchParams({ query: 'sum by (level) (count_over_time({job="roundtrip"}[5m]))' });
  const vector = (await (await fetch(`${loki}/loki/api/v1/query?${m}`)).json()) as { data: { resultType: string; result: { metric: unknown; value: [number, string] }[] } };
  assert.equal(vector.data.resultType, "vector");
  assert.deepEqual(vector.data.result.map((r) => [r.metric, r.value[1]]), [[{ level: "ERROR" }, "2"]]);
  const labels = (await (await fetch(`${loki}/loki/api/v1/label/job/values`)).json()) as { data: string[] };
  assert.ok(labels.data.includes("roundtrip"));
});

test("the shipper tails the dashboard log with the real labels", async () => {
  await appendFile(appLog, "2025-11-12 10:00:00,123 - tapo_camera_mcp.core.x - WARNING - Device tapo_kitchen went offline: timeout\n");
  const query = new URLSearchParams({ query: '{app="tapo-camera-mcp", job="tapo-camera-mcp"} |= "went offline"' });
  const stream = await eventually(
    "shipped line",
    async () => {
      const r = (await (await fetch(`${loki}/loki/api/v1/query_range?${query}`)).json()) as { data: { result: { stream: Record<string, string> }[] } };
      return r.data.result[0]?.stream;
    },
    5000,
  );
  assert.deepEqual(stream, { app: "tapo-camera-mcp", deployment: "native", job: "tapo-camera-mcp", level: "WARNING", location: "lab" });
});

test("the shipper follows a truncated file from its start", async () => {
  await appendFile(edgeLog, `${JSON.stringify({ level: "INFO", message: "before truncation" })}\n`);
  await new Promise((r) => setTimeout(r, 600));
  await truncate(edgeLog, 0);
  await appendFile(edgeLog, `${JSON.stringify({ level: "INFO", message: "after truncation" })}\n`);
  const q2 = new URLSearchParams({ query: '{job="edge-agent"} |= "after truncation"' });
  await eventually(
    "line after truncation",
    async () => ((await (await fetch(`${loki}/loki/api/v1/query_range?${q2}`)).json()) as { data: { result: unknown[] } }).data.result.length > 0 || undefined,
    5000,
  );
  assert.ok((await metricValue(promtailMetrics, "promtail_read_lines_total", { path: edgeLog })) >= 2);
});

test("full chunk storage: pushes answer 500 and the shipper's dropped counter rises", { timeout: 30_000 }, async () => {
  const dropped0 = await metricValue(promtailMetrics, "promtail_dropped_entries_total", host);
  assert.equal(dropped0, 0);
  // What CT-03 does: eat the chunk filesystem (a real 16 MiB tmpfs as root).
  const filler = join(lokiChunksDir(ctx), "filler.bin");
  await writeFile(filler, Buffer.alloc(16 * 1024 * 1024)).catch((e: NodeJS.ErrnoException) => assert.equal(e.code, "ENOSPC"));
  const ns = String(BigInt(Date.now()) * 1_000_000n);
  const res = await push({ streams: [{ stream: { job: "full-disk-check" }, values: [[ns, "x".repeat(8192)]] }] });
  assert.equal(res.status, 500);
  assert.match(await res.text(), /no space left on device/);
  assert.ok((await metricValue(`${loki}/metrics`, "loki_ingester_chunks_flush_failures_total")) >= 1);

  // More than a page: a small append can still land in the slack of a head chunk's last tmpfs page.
  const lost = `${"2025-11-12 10:00:09,000 - tapo_camera_mcp.web - ERROR - lost line ".padEnd(1000, "x")}\n`;
  await appendFile(appLog, lost.repeat(20));
  const t0 = Date.now();
  const dropped = await eventually(
    "dropped entries",
    async () => {
      const v = await metricValue(promtailMetrics, "promtail_dropped_entries_total", host);
      return v > 0 ? v : undefined;
    },
    15_000,
  );
  console.log(`# dropped ${dropped} entries ${Date.now() - t0} ms after the line was written (5 retries, 100 ms → 2 s back-off)`);
  assert.ok((await metricValue(promtailMetrics, "promtail_batch_retries_total", host)) >= 5);

  // Space back: shipping recovers.
  await rm(filler);
  const sent0 = await metricValue(promtailMetrics, "promtail_sent_entries_total", host);
  await appendFile(appLog, "2025-11-12 10:00:10,000 - tapo_camera_mcp.web - INFO - space is back\n");
  await eventually(
    "sent after recovery",
    async () => ((await metricValue(promtailMetrics, "promtail_sent_entries_total", host)) > sent0 ? true : undefined),
    5000,
  );
});
