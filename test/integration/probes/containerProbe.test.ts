import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { LAB_CONTAINER } from "../../../lab/docker/labDocker.js";
import { labPaths, repoRoot } from "../../../lab/paths.js";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import { ProbeSchema } from "../../../src/engine/model/probeSchemas";
import { evaluateProbe } from "../../../src/engine/probes/probeRegistry";
import { ensureLab, labContext, labInventory, until } from "./probeLab";

describe("container probe against the lab's dockerd", { timeout: 180_000 }, () => {
  const socket = `${labPaths(repoRoot()).state}/docker.sock`;
  const inventory = InventorySchema.parse({ ...labInventory, targets: { ...labInventory.targets, edge: { transport: { type: "docker", endpoint: `unix://${socket}` } } } });
  before(() => ensureLab("docker-engine"));

  it("sees the lab container running, and an unknown one absent", async () => {
    const running = ProbeSchema.parse({ type: "container", target: "edge", container: LAB_CONTAINER });
    const r = await until(() => evaluateProbe(labContext({ inventory }), running), 20_000);
    assert.equal(r.ok, true, r.detail);
    const absent = ProbeSchema.parse({ type: "container", target: "edge", container: "no-such-container", expect: "absent" });
    assert.equal((await evaluateProbe(labContext({ inventory }), absent)).ok, true);
  });

  it("refuses a target that is not reached over docker", async () => {
    const r = await evaluateProbe(labContext({ inventory }), ProbeSchema.parse({ type: "container", target: "hub", container: "x" }));
    assert.deepEqual(r, { ok: false, detail: "target hub is reached over local, not docker" });
  });
});
