import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import { ProbeSchema } from "../../../src/engine/model/probeSchemas";
import type { ProbeContext } from "../../../src/engine/probes/ProbeDriver";
import { describeProbe, evaluateProbe, getProbeDriver, probeDrivers } from "../../../src/engine/probes/probeRegistry";
import { closedPort } from "../clients/fakeHttpServer";

function context(services: Record<string, { url: string }>, signal = new AbortController().signal): ProbeContext {
  return {
    inventory: InventorySchema.parse({ services }),
    transports: { get: () => Promise.reject(new Error("no transports in this test")), closeAll: async () => undefined },
    secrets: async () => undefined,
    signal,
    baselines: new Map(),
  };
}

describe("probeRegistry", () => {
  it("has a driver for every probe type", () => {
    for (const option of ProbeSchema.options) {
      const type = option.shape.type.value;
      assert.equal(probeDrivers[type].type, type);
      assert.equal(getProbeDriver(type).type, type);
    }
  });

  it("turns an unreachable service into ok:false with a clear detail", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    const r = await evaluateProbe(context({ prometheus: { url } }), ProbeSchema.parse({ type: "prometheus", query: "up" }));
    assert.deepEqual(r, { ok: false, detail: `prometheus at ${url} unreachable: ECONNREFUSED` });
  });

  it("names a missing service and a missing baseline", async () => {
    const r = await evaluateProbe(context({}), ProbeSchema.parse({ type: "alert", alertname: "X" }));
    assert.equal(r.detail, 'no service "alertmanager" in the inventory (known: none)');
    const n = await evaluateProbe(context({ alertmanager: { url: "http://127.0.0.1:1" } }), ProbeSchema.parse({ type: "notification" }));
    assert.match(n.detail, /no notification baseline/);
  });

  it("does not run once cancelled", async () => {
    const r = await evaluateProbe(context({}, AbortSignal.abort()), ProbeSchema.parse({ type: "http", url: "http://127.0.0.1:1/" }));
    assert.deepEqual(r, { ok: false, detail: "cancelled before the probe ran" });
  });

  it("describes probes in one line", () => {
    assert.equal(describeProbe(ProbeSchema.parse({ type: "prometheus", query: "up", compare: { op: "==", value: 0 } })), "up == 0 on prometheus");
    assert.equal(describeProbe(ProbeSchema.parse({ type: "alert", alertname: "TapoCameraMcpDown" })), "alert TapoCameraMcpDown firing in alertmanager");
  });
});
