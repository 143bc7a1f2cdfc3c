/**
 * CT-02 against the lab, step by step: tapo_kitchen is cut off from the hub with the
 * engine's network-blackhole driver (an nftables drop in the engine's own table); the
 * dashboard must show only it offline, CameraCheckFailing must be mailed, CameraOffline
 * must reach the pager, and everything must come back once the rule is gone.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, test } from "node:test";
import { labUp } from "../../../lab/labApi.js";
import { labCameraHosts, labRtspPort } from "../../../lab/ports.js";
import { NetworkBlackholeFaultSchema } from "../../../src/engine/model/faultSchemas";
import { cameraStates, eventually, firingInPrometheus, firingMail, hubFaults, quiet, since, webhookRecord, type InjectedFault } from "./scenarioSupport";

const faults = hubFaults("sc-scenario-cut");
let cut: InjectedFault | undefined;

before(async () => {
  // Prometheus pulls in the dashboard's supervisor, Alertmanager and the sinks.
  await labUp({ only: ["cameras", "prometheus"], log: quiet });
  const states = await eventually(
    "both cameras online before the cut",
    async () => {
      const s = await cameraStates();
      return s.get("tapo_kitchen") === true && s.get("tapo_living_room") === true ? s : undefined;
    },
    20_000,
  );
  assert.equal(states.size, 2);
  // A CameraOffline left firing by an earlier test would be grouped with ours and not re-sent.
  await eventually("no CameraOffline firing before the cut", async () => ((await firingInPrometheus("CameraOffline")).length === 0 ? true : undefined), 30_000);
});

after(async () => {
  try {
    if (cut !== undefined) assert.equal(await cut.revert(), true, "the blackhole could not be reverted");
  } finally {
    await faults.close();
  }
});

test("cutting tapo_kitchen alone: only it goes offline, it is paged and mailed, then it comes back", { timeout: 120_000 }, async () => {
  const timeline: string[] = [];
  const fault = NetworkBlackholeFaultSchema.parse({
    type: "network-blackhole",
    target: "hub",
    params: { host: labCameraHosts.tapo_kitchen, port: labRtspPort, protocol: "tcp", action: "drop" },
  });
  const wallStart = Date.now();
  const t0 = performance.now();
  cut = await faults.inject(fault);
  timeline.push(`injected (${cut.prepared.summary}) in ${since(t0)} ms`);
  assert.match(spawnSync("nft", ["list", "table", "inet", "surveillance_chaos"], { encoding: "utf8" }).stdout, new RegExp(labCameraHosts.tapo_kitchen.replace(/\./g, "\\.")));

  // The other camera must stay online for the whole cut: sampled alongside every wait below.
  const otherSamples: boolean[] = [];
  const sampleOther = async () => {
    otherSamples.push((await cameraStates()).get("tapo_living_room") === true);
  };

  await eventually(
    "tapo_kitchen offline on /api/cameras",
    async () => {
      const s = await cameraStates();
      otherSamples.push(s.get("tapo_living_room") === true);
      return s.get("tapo_kitchen") === false ? true : undefined;
    },
    30_000,
  );
  timeline.push(`tapo_kitchen offline on /api/cameras after ${since(t0)} ms`);

  const mail = await eventually(
    "a CameraCheckFailing email on the SMTP sink",
    async () => {
      await sampleOther();
      return firingMail(wallStart, "CameraCheckFailing");
    },
    45_000,
  );
  timeline.push(`CameraCheckFailing email "${mail.subject ?? ""}" to ${mail.envelope.to.join(",")} after ${Date.parse(mail.time) - wallStart} ms`);
  assert.deepEqual(mail.envelope.to, ["ops@home.lab"]);

  const page = await eventually(
    "a CameraOffline POST for tapo_kitchen on /pager",
    async () => {
      await sampleOther();
      return webhookRecord("/pager", wallStart, "CameraOffline", "firing", { name: "tapo_kitchen" });
    },
    45_000,
  );
  timeline.push(`CameraOffline pager POST (receiver ${page.body.receiver}) after ${Date.parse(page.time) - wallStart} ms`);
  assert.equal(page.body.receiver, "critical-pager");
  const paged = page.body.alerts.filter((a) => a.labels.alertname === "CameraOffline").map((a) => a.labels.name);
  assert.deepEqual(paged, ["tapo_kitchen"], "only tapo_kitchen is paged as offline");
  assert.deepEqual(
    (await firingInPrometheus("CameraCheckFailing")).map((l) => l.name),
    ["tapo_kitchen"],
    "Prometheus' CameraCheckFailing names tapo_kitchen alone",
  );

  await sampleOther();
  assert.ok(otherSamples.length >= 3, `too few samples of tapo_living_room (${otherSamples.length})`);
  assert.ok(otherSamples.every(Boolean), `tapo_living_room went offline during the cut (${otherSamples.filter((ok) => !ok).length}/${otherSamples.length} samples)`);
  timeline.push(`tapo_living_room online in all ${otherSamples.length} samples during the cut`);

  const r0 = performance.now();
  assert.equal(await cut.revert(), true, "the blackhole is gone after revert");
  timeline.push(`reverted in ${since(r0)} ms (${since(t0)} ms after the cut)`);
  await eventually(
    "tapo_kitchen back online on /api/cameras",
    async () => {
      const s = await cameraStates();
      return s.get("tapo_kitchen") === true && s.get("tapo_living_room") === true ? true : undefined;
    },
    30_000,
  );
  timeline.push(`tapo_kitchen back online on /api/cameras ${since(r0)} ms after the revert`);
  await eventually("CameraOffline resolved on /pager", () => webhookRecord("/pager", wallStart, "CameraOffline", "resolved", { name: "tapo_kitchen" }), 45_000);
  timeline.push(`CameraOffline resolved POST on /pager ${since(r0)} ms after the revert`);
  console.log(`CT-02 scenario timeline:\n${timeline.map((l) => `  ${l}`).join("\n")}`);
});
