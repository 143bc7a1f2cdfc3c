import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { PushgatewayClient, groupPath, renderPromText } from "../../../src/engine/clients/pushgatewayClient";
import { parsePromText } from "../../../src/engine/clients/promText";
import { startFakeHttpServer } from "./fakeHttpServer";

describe("Pushgateway", () => {
  it("builds grouping paths, base64 for slashes and empty values", () => {
    assert.equal(groupPath("chaos", { run: "r1", experiment: "CT-01" }), "/metrics/job/chaos/run/r1/experiment/CT-01");
    assert.equal(groupPath("chaos", { path: "/var/log" }), `/metrics/job/chaos/path@base64/${Buffer.from("/var/log").toString("base64url")}`);
    assert.equal(groupPath("chaos", { empty: "" }), "/metrics/job/chaos/empty@base64/=");
  });

  it("renders text that the parser reads back", () => {
    const text = renderPromText([{ name: "chaos_marker", type: "gauge", help: "start", samples: [{ labels: { phase: 'in"ject' }, value: 1 }] }]);
    assert.match(text, /^# HELP chaos_marker start\n# TYPE chaos_marker gauge\n/);
    assert.deepEqual(parsePromText(text), [{ name: "chaos_marker", labels: { phase: 'in"ject' }, value: 1 }]);
  });

  let server: Awaited<ReturnType<typeof startFakeHttpServer>>;
  before(async () => {
    server = await startFakeHttpServer(() => ({ status: 200, body: "" }));
  });
  after(() => server.close());

  it("PUTs, POSTs and DELETEs the group", async () => {
    const pg = new PushgatewayClient({ name: "pushgateway", url: server.url });
    await pg.put("chaos", { run: "r1" }, [{ name: "m", samples: [{ value: 2 }] }]);
    await pg.post("chaos", { run: "r1" }, [{ name: "m", samples: [{ value: 3 }] }]);
    await pg.delete("chaos", { run: "r1" });
    assert.deepEqual(
      server.requests.map((r) => [r.method, r.url, r.body]),
      [
        ["PUT", "/metrics/job/chaos/run/r1", "m 2\n"],
        ["POST", "/metrics/job/chaos/run/r1", "m 3\n"],
        ["DELETE", "/metrics/job/chaos/run/r1", ""],
      ],
    );
  });
});
