import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { judgeAlerts } from "../../../src/engine/probes/alertProbe";

const down = { labels: { alertname: "TapoCameraMcpDown", severity: "critical" }, state: "firing" as const, since: "2025-11-12T10:02:00Z" };
const probe = { alertname: "TapoCameraMcpDown", labels: { severity: "critical" }, source: "alertmanager" as const };

describe("judgeAlerts", () => {
  it("finds a firing alert with the wanted labels", () => {
    assert.deepEqual(judgeAlerts({ ...probe, state: "firing" }, [down]), {
      ok: true,
      value: "firing",
      detail: 'TapoCameraMcpDown{severity="critical"} is firing in Alertmanager since 2025-11-12T10:02:00Z',
    });
  });

  it("does not count an alert whose labels differ", () => {
    const r = judgeAlerts({ ...probe, state: "firing" }, [{ ...down, labels: { alertname: "TapoCameraMcpDown", severity: "warning" } }]);
    assert.equal(r.ok, false);
    assert.match(r.detail, /is not active in Alertmanager, expected firing/);
  });

  it("tells pending from firing (Prometheus source)", () => {
    const r = judgeAlerts({ ...probe, source: "prometheus", state: "firing" }, [{ ...down, state: "pending" }]);
    assert.deepEqual([r.ok, r.value], [false, "pending"]);
    assert.match(r.detail, /is pending in Prometheus, expected firing/);
  });

  it("inactive holds when nothing matches, or only a silenced alert does", () => {
    assert.equal(judgeAlerts({ ...probe, state: "inactive" }, []).ok, true);
    assert.equal(judgeAlerts({ ...probe, state: "inactive" }, [{ ...down, state: "suppressed" }]).ok, true);
    assert.equal(judgeAlerts({ ...probe, state: "inactive" }, [down]).ok, false);
  });
});
