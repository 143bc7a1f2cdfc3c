import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AlertmanagerClient, labelMatcher, notificationCounts } from "../../../src/engine/clients/alertmanagerClient";
import { parsePromText } from "../../../src/engine/clients/promText";
import { startFakeHttpServer } from "./fakeHttpServer";

const ALERT = {
  annotations: { summary: "tapo-camera-mcp dashboard is down" },
  endsAt: "2025-11-12T10:06:00.000Z",
  fingerprint: "5f0b2a4a6c1e2f3d",
  receivers: [{ name: "critical-pager" }],
  startsAt: "2025-11-12T10:02:00.000Z",
  status: { inhibitedBy: [], silencedBy: [], state: "active" },
  updatedAt: "2025-11-12T10:02:00.000Z",
  generatorURL: "http://prometheus:9090/graph?g0.expr=up",
  labels: { alertname: "TapoCameraMcpDown", severity: "critical", service: "tapo-camera-mcp" },
};

describe("AlertmanagerClient", () => {
  let server: Awaited<ReturnType<typeof startFakeHttpServer>>;
  let client: AlertmanagerClient;
  before(async () => {
    server = await startFakeHttpServer((req) => {
      const url = new URL(req.url, "http://x");
      if (url.pathname === "/api/v2/alerts" && req.method === "POST") return { body: "" };
      if (url.pathname === "/api/v2/alerts") return { body: [ALERT, { ...ALERT, labels: { alertname: "TapoCameraMcpDown", severity: "warning" } }] };
      if (url.pathname === "/metrics") {
        return { body: 'alertmanager_notifications_total{integration="webhook"} 4\nalertmanager_notifications_failed_total{integration="webhook",reason="other"} 1\n' };
      }
      return { status: 404, body: "not found" };
    });
    client = new AlertmanagerClient({ name: "alertmanager", url: server.url });
  });
  after(() => server.close());

  it("sends repeated filter params and re-checks labels", async () => {
    const alerts = await client.alerts({ labels: { alertname: "TapoCameraMcpDown", severity: "critical" }, active: true });
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.status.state, "active");
    const params = new URL(server.requests.at(-1)!.url, "http://x").searchParams;
    assert.deepEqual(params.getAll("filter"), ['alertname="TapoCameraMcpDown"', 'severity="critical"']);
    assert.equal(params.get("active"), "true");
  });

  it("posts alerts as a JSON array", async () => {
    await client.postAlerts([{ labels: { alertname: "X" }, endsAt: "2025-11-12T10:00:00Z" }]);
    const req = server.requests.at(-1)!;
    assert.equal(req.headers["content-type"], "application/json");
    assert.deepEqual(JSON.parse(req.body), [{ labels: { alertname: "X" }, endsAt: "2025-11-12T10:00:00Z" }]);
  });

  it("counts delivered notifications as total − failed", async () => {
    assert.deepEqual(await client.notifications("webhook"), { total: 4, failed: 1, delivered: 3 });
    assert.deepEqual(await client.notifications("email"), { total: 0, failed: 0, delivered: 0 });
  });

  it("says when this Alertmanager cannot count per receiver", async () => {
    await assert.rejects(client.notifications("webhook", "critical-pager"), /does not count notifications per receiver/);
  });

  it("filters by receiver where Alertmanager labels it", () => {
    const samples = parsePromText(
      'alertmanager_notifications_total{integration="webhook",receiver_name="critical-pager"} 3\nalertmanager_notifications_total{integration="webhook",receiver_name="other"} 5\n',
    );
    assert.equal(notificationCounts(samples, "any", "critical-pager").delivered, 3);
    assert.equal(notificationCounts(samples, "webhook").delivered, 8);
  });

  it("escapes matcher values", () => {
    assert.equal(labelMatcher("msg", 'a "b" \\c'), 'msg="a \\"b\\" \\\\c"');
  });
});
