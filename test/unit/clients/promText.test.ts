import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parsePromNumber, parsePromText, sumSamples } from "../../../src/engine/clients/promText";

const ALERTMANAGER_METRICS = `# HELP alertmanager_notifications_total The total number of attempted notifications.
# TYPE alertmanager_notifications_total counter
alertmanager_notifications_total{integration="email"} 2
alertmanager_notifications_total{integration="webhook"} 7
alertmanager_notifications_total{integration="slack"} 0
# HELP alertmanager_notifications_failed_total The total number of failed notifications.
# TYPE alertmanager_notifications_failed_total counter
alertmanager_notifications_failed_total{integration="email",reason="other"} 1
alertmanager_notifications_failed_total{integration="webhook",reason="clientError"} 2
go_gc_duration_seconds{quantile="0.5"} 4.2e-05
go_memstats_alloc_bytes 1.234567e+07
`;

describe("parsePromText", () => {
  it("reads counters with labels, skipping HELP/TYPE", () => {
    const samples = parsePromText(ALERTMANAGER_METRICS);
    assert.equal(samples.length, 7);
    assert.deepEqual(samples[1], { name: "alertmanager_notifications_total", labels: { integration: "webhook" }, value: 7 });
    assert.equal(sumSamples(samples, "alertmanager_notifications_failed_total", { integration: "webhook" }), 2);
    assert.equal(sumSamples(samples, "alertmanager_notifications_total"), 9);
    assert.equal(samples[6]?.value, 12345670);
  });

  it("unescapes label values and reads timestamps, NaN and infinities", () => {
    const [a, b, c] = parsePromText(
      'm{path="C:\\\\dir",msg="say \\"hi\\"\\nbye",x="a,b}"} 1 1700000000000\nbucket{le="+Inf"} +Inf\nratio NaN\n',
    );
    assert.deepEqual(a?.labels, { path: "C:\\dir", msg: 'say "hi"\nbye', x: "a,b}" });
    assert.equal(a?.timestampMs, 1700000000000);
    assert.equal(b?.value, Infinity);
    assert.ok(Number.isNaN(c?.value));
  });

  it("reads the dashboard's untyped exposition (no HELP/TYPE)", () => {
    const text = 'device_health_status{device_id="camera_tapo_kitchen",device_type="camera",name="tapo_kitchen"} 1\nmessages_total 3\n';
    assert.equal(sumSamples(parsePromText(text), "device_health_status", { name: "tapo_kitchen" }), 1);
  });

  it("names the line of a malformed sample", () => {
    assert.throws(() => parsePromText("ok 1\nbroken{a=\"x\" 1\n"), /line 2/);
    assert.throws(() => parsePromText("m abc\n"), /bad value abc/);
  });

  it("parsePromNumber reads Prometheus spellings", () => {
    assert.equal(parsePromNumber("-Inf"), -Infinity);
    assert.equal(parsePromNumber("0.25"), 0.25);
    assert.ok(Number.isNaN(parsePromNumber("")));
  });
});
