/**
 * CT-03 against the lab, step by step: the engine's storage-fill driver fills the Loki
 * stand-in's chunk volume (a 16 MiB tmpfs as root) to 100 %; the promtail stand-in's pushes
 * fail, it drops entries after its retries, LogEntriesDropped fires; removing the filler
 * lets it ship again.
 */
import assert from "node:assert/strict";
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { labUp } from "../../../lab/labApi.js";
import { labPaths, repoRoot } from "../../../lab/paths.js";
import { labPorts, labUrl } from "../../../lab/ports.js";
import { StorageFillFaultSchema } from "../../../src/engine/model/faultSchemas";
import { eventually, firingInPrometheus, firingSlackMessage, hubFaults, metricRisesAbove, metricSum, quiet, since, type InjectedFault } from "./scenarioSupport";

const paths = labPaths(repoRoot());
const chunks = join(paths.state, "loki", "chunks");
// A file the promtail stand-in tails (job="tapo-camera-mcp"); appended to, never truncated,
// because the dashboard writes it too.
const appLog = join(paths.logs, "tapo-camera-mcp.log");
const promtailMetrics = labUrl(labPorts.promtail, "/metrics");
const faults = hubFaults("sc-scenario-fill");
let fill: InjectedFault | undefined;
let writer: NodeJS.Timeout | undefined;

/** Log traffic of our own, so the shipper has something to send whatever the stack logs. */
function startWriting(): void {
  let n = 0;
  writer = setInterval(() => {
    n += 1;
    appendFileSync(appLog, `${new Date().toISOString().replace("T", " ").replace("Z", "")} - tapo_camera_mcp.scenario - INFO - CT-03 scenario line ${n}\n`);
  }, 200);
}

before(async () => {
  // Prometheus brings Alertmanager and the sinks; the shipper brings the Loki stand-in.
  await labUp({ only: ["prometheus", "promtail-standin"], log: quiet });
  mkdirSync(paths.logs, { recursive: true });
  startWriting();
  await eventually("no LogEntriesDropped firing before the fill", async () => ((await firingInPrometheus("LogEntriesDropped")).length === 0 ? true : undefined), 60_000, 500);
});

after(async () => {
  clearInterval(writer);
  try {
    if (fill !== undefined) assert.equal(await fill.revert(), true, "the filler could not be removed");
  } finally {
    await faults.close();
  }
});

test("a full Loki volume makes promtail drop entries and LogEntriesDropped fire; freeing it resumes shipping", { timeout: 150_000 }, async () => {
  const timeline: string[] = [];
  const dropped0 = await metricSum(promtailMetrics, "promtail_dropped_entries_total");
  const wallStart = Date.now();
  const t0 = performance.now();
  fill = await faults.inject(StorageFillFaultSchema.parse({ type: "storage-fill", target: "hub", params: { path: chunks, percent: 100 } }));
  timeline.push(`filled (${fill.prepared.summary}) in ${since(t0)} ms`);

  const dropped = await metricRisesAbove(promtailMetrics, "promtail_dropped_entries_total", dropped0, 30_000);
  timeline.push(`promtail_dropped_entries_total ${dropped0} → ${dropped} after ${since(t0)} ms`);

  const firing = await eventually(
    "LogEntriesDropped firing in Prometheus",
    async () => {
      const alerts = await firingInPrometheus("LogEntriesDropped");
      return alerts.length > 0 ? alerts : undefined;
    },
    60_000,
    500,
  );
  timeline.push(`LogEntriesDropped firing in Prometheus (instance ${firing[0]?.instance ?? "?"}) after ${since(t0)} ms`);
  assert.equal(firing[0]?.severity, "warning");
  const slack = await eventually("LogEntriesDropped on the Slack sink", () => firingSlackMessage(wallStart, "LogEntriesDropped"), 30_000, 500);
  timeline.push(`LogEntriesDropped Slack message to ${slack.body.channel} after ${Date.parse(slack.time) - wallStart} ms`);

  const sent0 = await metricSum(promtailMetrics, "promtail_sent_entries_total");
  const r0 = performance.now();
  assert.equal(await fill.revert(), true, "the filler is gone after revert");
  timeline.push(`filler removed in ${since(r0)} ms`);
  const sent = await metricRisesAbove(promtailMetrics, "promtail_sent_entries_total", sent0, 30_000);
  timeline.push(`promtail_sent_entries_total ${sent0} → ${sent} ${since(r0)} ms after the filler was removed`);
  console.log(`CT-03 scenario timeline:\n${timeline.map((l) => `  ${l}`).join("\n")}`);
});
