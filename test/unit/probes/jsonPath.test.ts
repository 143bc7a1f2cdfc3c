import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JsonCheckSchema } from "../../../src/engine/model/probeSchemas";
import { evaluateJsonCheck } from "../../../src/engine/probes/jsonCheck";
import { getJsonPath, parseJsonPath } from "../../../src/engine/probes/jsonPath";

const HEALTH = {
  status: "warning",
  cameras: { total: 2, online: 1, offline: 1 },
  list: [{ name: "tapo_kitchen", status: { connected: false, error: null } }, { name: "tapo_living_room", status: { connected: true } }],
};

describe("jsonPath", () => {
  it("parses dotted keys and indexes", () => {
    assert.deepEqual(parseJsonPath("list[0].status.connected"), ["list", 0, "status", "connected"]);
    assert.deepEqual(parseJsonPath("[1].name"), [1, "name"]);
    assert.deepEqual(parseJsonPath("a[0][-1]"), ["a", 0, -1]);
  });

  it("rejects malformed paths", () => {
    for (const bad of ["", "a..b", ".a", "a.", "a[x]", "a[0]b"]) assert.throws(() => parseJsonPath(bad), /bad JSON path/, bad);
  });

  it("finds values, null included, and says when missing", () => {
    assert.deepEqual(getJsonPath(HEALTH, "cameras.online"), { found: true, value: 1 });
    assert.deepEqual(getJsonPath(HEALTH, "list[-1].name"), { found: true, value: "tapo_living_room" });
    assert.deepEqual(getJsonPath(HEALTH, "list[0].status.error"), { found: true, value: null });
    assert.equal(getJsonPath(HEALTH, "list[5].name").found, false);
    assert.equal(getJsonPath(HEALTH, "cameras.online.x").found, false);
    assert.equal(getJsonPath(HEALTH, "status.length").found, false);
    assert.equal(getJsonPath(HEALTH, "toString").found, false);
  });
});

describe("evaluateJsonCheck", () => {
  const check = (c: unknown) => evaluateJsonCheck(HEALTH, JsonCheckSchema.parse(c));
  it("equals, compare, matches, exists", () => {
    assert.deepEqual(check({ path: "status", equals: "healthy" }), { ok: false, detail: 'status = "warning", expected "healthy"' });
    assert.equal(check({ path: "cameras.online", compare: { op: ">=", value: 1 } }).ok, true);
    assert.equal(check({ path: "list[0].name", matches: "^tapo_" }).ok, true);
    assert.equal(check({ path: "list[0].status.error", equals: null }).ok, true);
    assert.deepEqual(check({ path: "nope", exists: false }), { ok: true, detail: "nope is missing" });
    assert.deepEqual(check({ path: "nope", equals: 1 }), { ok: false, detail: "nope is missing" });
    assert.equal(check({ path: "status", compare: { op: ">", value: 0 } }).ok, false);
  });
});
