import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, describe, it } from "node:test";
import { LokiClient } from "../../../src/engine/clients/lokiClient";
import { endpointFor } from "../../../src/engine/clients/serviceEndpoint";
import { ProbeSchema } from "../../../src/engine/model/probeSchemas";
import { evaluateProbe } from "../../../src/engine/probes/probeRegistry";
import { ensureLab, labContext, labInventory, until } from "./probeLab";

describe("Loki probe against the lab's Loki stand-in", { timeout: 60_000 }, () => {
  const loki = new LokiClient(endpointFor(labInventory, "loki"));
  before(() => ensureLab("loki-standin"));

  it("is ready", async () => {
    const r = await until(async () => {
      const ready = await loki.ready();
      return { ok: ready.ready, ...ready };
    }, 10_000);
    assert.equal(r.ok, true, r.detail);
  });

  it("counts pushed lines with a log query and a metric query", async () => {
    const run = `probe-${randomBytes(4).toString("hex")}`;
    const now = Date.now();
    await loki.push([{ labels: { job: "probe-test", run }, lines: [0, 1, 2].map((i) => ({ t: now - 1000 + i, line: `line ${i} ERROR` })) }]);
    const logs = ProbeSchema.parse({ type: "loki", query: `{run="${run}"} |= "ERROR"`, range: "1m", compare: { op: "==", value: 3 } });
    const r = await until(() => evaluateProbe(labContext(), logs), 10_000);
    assert.equal(r.ok, true, r.detail);
    const metric = ProbeSchema.parse({ type: "loki", query: `sum(count_over_time({run="${run}"}[1m]))`, range: "1m", compare: { op: "==", value: 3 } });
    const m = await evaluateProbe(labContext(), metric);
    assert.equal(m.ok, true, m.detail);
    const tail = await loki.tail(`{run="${run}"}`, 60_000, 10);
    assert.deepEqual(tail.map((l) => l.line), ["line 2 ERROR", "line 1 ERROR", "line 0 ERROR"]);
  });

  it("a bad LogQL query is ok:false with the reason", async () => {
    const r = await evaluateProbe(labContext(), ProbeSchema.parse({ type: "loki", query: "{app=" }));
    assert.equal(r.ok, false);
    assert.match(r.detail, /loki at http:\/\/127\.0\.0\.1:3100 rejected/);
  });
});
