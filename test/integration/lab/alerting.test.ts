import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import * as z from "zod";
import { labDown, labUp } from "../../../lab/labApi.js";
import { dashboardHoldFile, eventually, getJson } from "./labTestHelpers.js";

const quiet = () => undefined;
const sink = "http://127.0.0.1:9097";

const Alert = z.object({ status: z.string(), labels: z.record(z.string(), z.string()) });
const Records = z.object({
  count: z.number(),
  records: z.array(z.object({ time: z.string(), path: z.string(), body: z.object({ status: z.string(), alerts: z.array(Alert) }).passthrough() })),
});

async function pagerRecord(since: number, alertname: string, status: "firing" | "resolved") {
  const r = Records.parse(await getJson(`${sink}/api/records?path=/pager&since=${since}`));
  return r.records.find((rec) => rec.body.status === status && rec.body.alerts.some((a) => a.labels.alertname === alertname));
}

before(async () => {
  await labDown({ log: quiet });
  await labUp({ only: ["prometheus"], log: quiet });
});
after(async () => {
  rmSync(dashboardHoldFile, { force: true });
  await labDown({ log: quiet });
});

test("stopping the dashboard fires TapoCameraMcpDown to the pager, starting it resolves it", async () => {
  const since = Date.now();
  writeFileSync(dashboardHoldFile, "alerting test\n");
  const firing = await eventually("TapoCameraMcpDown firing on /pager", () => pagerRecord(since, "TapoCameraMcpDown", "firing"), 25_000);
  const alert = firing.body.alerts.find((a) => a.labels.alertname === "TapoCameraMcpDown");
  assert.equal(alert?.labels.severity, "critical");
  assert.equal(alert?.labels.service, "tapo-camera-mcp");
  assert.equal(alert?.labels.instance, "tapo-camera-mcp-host");
  assert.equal(firing.body.receiver, "critical-pager");
  rmSync(dashboardHoldFile);
  await eventually("TapoCameraMcpDown resolved on /pager", () => pagerRecord(since, "TapoCameraMcpDown", "resolved"), 25_000);
});

test("warning alerts reach the Slack sink and the rest is mailed to ops", async () => {
  const since = Date.now();
  const post = (labels: Record<string, string>) =>
    fetch("http://127.0.0.1:9093/api/v2/alerts", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ labels: { ...labels, service: "lab-test" }, annotations: { summary: "integration test" } }]),
    });
  assert.equal((await post({ alertname: "LabTestWarning", severity: "warning" })).status, 200);
  assert.equal((await post({ alertname: "LabTestInfo", severity: "info" })).status, 200);
  const slack = await eventually("Slack POST", async () => {
    const r = z.object({ count: z.number(), records: z.array(z.object({ body: z.unknown() })) }).parse(await getJson(`${sink}/api/records?path=/slack&since=${since}`));
    return r.records.find((rec) => JSON.stringify(rec.body).includes("LabTestWarning"));
  }, 15_000);
  assert.match(JSON.stringify(slack.body), /#home-security-ops/);
  const mail = await eventually("mail to ops", async () => {
    const r = z
      .object({ count: z.number(), records: z.array(z.object({ envelope: z.object({ to: z.array(z.string()) }), subject: z.string().nullable() })) })
      .parse(await getJson(`${sink}/api/mail?since=${since}`));
    return r.records.find((m) => (m.subject ?? "").includes("LabTestInfo"));
  }, 15_000);
  assert.deepEqual(mail.envelope.to, ["ops@home.lab"]);
});
