import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { observeViaDashboard } from "../../../src/engine/clients/cameraState";
import { DashboardClient } from "../../../src/engine/clients/dashboardClient";
import { startFakeHttpServer } from "./fakeHttpServer";

// The dashboard answers 200 with the truth in the body (shapes from the home-stack reference).
const CAMERAS = {
  success: true,
  cameras: [
    { name: "tapo_kitchen", type: "onvif", groups: [], status: { connected: false, model: "Tapo C200", streaming: false, resolution: "1920x1080", error: "Status check timed out" } },
    { name: "tapo_living_room", type: "onvif", groups: [], status: { connected: true, model: "Tapo C200", streaming: false, resolution: "1920x1080" } },
  ],
};

describe("DashboardClient", () => {
  let server: Awaited<ReturnType<typeof startFakeHttpServer>>;
  let timedOut = false;
  before(async () => {
    server = await startFakeHttpServer((req) => {
      if (req.url === "/api/cameras") return { body: timedOut ? { success: false, error: "Request timed out", cameras: [] } : CAMERAS };
      if (req.url === "/api/health") {
        return {
          body: {
            status: "critical",
            timestamp: "2025-11-12T10:00:00Z",
            system: { cpu: 3.1, memory: 40.2, disk: 51, uptime: 12 },
            cameras: { total: 2, online: 0, offline: 2 },
            issues: [{ type: "no_cameras_online", severity: "critical", message: "No cameras online (2 configured)" }, "high_cpu"],
          },
        };
      }
      if (req.url?.startsWith("/api/messages/")) {
        return { body: { count: 1, messages: [{ id: "m1", timestamp: "2025-11-12T10:00:00Z", severity: "warning", category: "device_connection", source: "camera_tapo_kitchen", title: "tapo_kitchen Offline", acknowledged: false }] } };
      }
      return { status: 404, body: { detail: "Not Found" } };
    });
  });
  after(() => server.close());

  it("reads cameras and health, issues as objects or words", async () => {
    const dash = new DashboardClient({ name: "dashboard", url: server.url });
    assert.equal((await dash.cameras())[0]?.status.error, "Status check timed out");
    const health = await dash.health();
    assert.deepEqual(health.issues.map((i) => i.type), ["no_cameras_online", "high_cpu"]);
    assert.equal((await dash.messages({ severity: "warning", sinceMinutes: 5 }))[0]?.title, "tapo_kitchen Offline");
    assert.match(server.requests.at(-1)!.url, /severity=warning&since_minutes=5/);
  });

  it("turns a camera entry into an observation, and success:false into unknown", async () => {
    const dash = new DashboardClient({ name: "dashboard", url: server.url });
    assert.deepEqual(await observeViaDashboard(dash, "tapo_kitchen"), { source: "dashboard", state: "offline", detail: "dashboard: tapo_kitchen offline (Status check timed out)" });
    assert.equal((await observeViaDashboard(dash, "tapo_living_room")).state, "online");
    assert.match((await observeViaDashboard(dash, "garage")).detail, /does not list garage/);
    timedOut = true;
    assert.deepEqual(await observeViaDashboard(dash, "tapo_kitchen"), {
      source: "dashboard",
      state: "unknown",
      detail: `dashboard at ${server.url} could not list its cameras: Request timed out`,
    });
    timedOut = false;
  });

  it("refuses a camera id the dashboard would refuse", async () => {
    await assert.rejects(new DashboardClient({ name: "dashboard", url: server.url }).snapshot("../etc"), /refuses camera id/);
  });
});
