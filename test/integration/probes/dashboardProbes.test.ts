import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { observeViaRtsp } from "../../../src/engine/clients/cameraState";
import { DashboardClient } from "../../../src/engine/clients/dashboardClient";
import { rtspCheck } from "../../../src/engine/clients/rtspClient";
import { endpointFor } from "../../../src/engine/clients/serviceEndpoint";
import { ProbeSchema } from "../../../src/engine/model/probeSchemas";
import { evaluateProbe } from "../../../src/engine/probes/probeRegistry";
import { closedPort } from "../../unit/clients/fakeHttpServer";
import { ensureLab, labContext, labInventory, until } from "./probeLab";

describe("dashboard, http and camera probes against the lab", { timeout: 120_000 }, () => {
  const dashboardUrl = labInventory.services.dashboard!.url;
  before(() => ensureLab("supervisor", "cameras"));

  it("http probe: /api/status says ok", async () => {
    const probe = ProbeSchema.parse({ type: "http", url: `${dashboardUrl}/api/status`, json: [{ path: "status", equals: "ok" }] });
    const r = await until(() => evaluateProbe(labContext(), probe), 20_000);
    assert.equal(r.ok, true, r.detail);
  });

  it("http probe: JSON paths into /api/cameras", async () => {
    const probe = ProbeSchema.parse({
      type: "http",
      url: `${dashboardUrl}/api/cameras`,
      json: [
        { path: "success", equals: true },
        { path: "cameras[0].name", matches: "^tapo_" },
        { path: "cameras[1].status.connected", equals: true },
      ],
    });
    const r = await until(() => evaluateProbe(labContext(), probe), 20_000);
    assert.equal(r.ok, true, r.detail);
  });

  it("camera probe: both cameras online via the dashboard and our own RTSP round trip", async () => {
    for (const camera of ["tapo_kitchen", "tapo_living_room"]) {
      const r = await until(() => evaluateProbe(labContext(), ProbeSchema.parse({ type: "camera", camera, via: "both" })), 20_000);
      assert.equal(r.ok, true, r.detail);
      assert.equal(r.value, "online");
    }
    const rtt = await rtspCheck(labInventory.cameras.tapo_kitchen!.rtsp, { timeoutMs: 3000 });
    assert.equal(rtt.status, 200);
    console.log(`# RTSP OPTIONS+DESCRIBE round trip to tapo_kitchen: ${rtt.roundTripMs} ms (connect ${rtt.connectMs} ms)`);
  });

  it("camera probe: a camera on a dead port is offline over RTSP", async () => {
    const port = await closedPort();
    const seen = await observeViaRtsp({ rtsp: `rtsp://127.0.0.1:${port}/stream1` }, async () => undefined, 1000);
    assert.equal(seen.state, "offline");
    assert.match(seen.detail, /ECONNREFUSED/);
  });

  it("dashboard client: health, connection health, messages", async () => {
    const dash = new DashboardClient(endpointFor(labInventory, "dashboard"));
    assert.equal((await dash.health()).cameras?.total, 2);
    const conn = await dash.connectionHealth();
    assert.deepEqual(conn.devices.map((d) => d.device_id).sort(), ["camera_tapo_kitchen", "camera_tapo_living_room"]);
    assert.ok(Array.isArray(await dash.messages({ limit: 10 })));
  });
});
