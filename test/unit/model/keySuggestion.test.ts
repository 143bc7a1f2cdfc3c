import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as z from "zod";
import { closestKey, editDistance, knownKeysAt } from "../../../src/engine/load/keySuggestion";

describe("key suggestions for unknown keys", () => {
  it("counts a swap of neighbours as one edit", () => {
    assert.equal(editDistance("titel", "title"), 1);
    assert.equal(editDistance("measure", "measures"), 1);
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
  });

  it("suggests only close keys, and never for a short key with half of it wrong", () => {
    assert.equal(closestKey("titel", ["id", "title", "component"]), "title");
    assert.equal(closestKey("Title", ["title"]), "title");
    assert.equal(closestKey("ab", ["id"]), undefined);
    assert.equal(closestKey("flavour", ["id", "title", "component"]), undefined);
  });

  it("finds the keys of the object at a path, through defaults, arrays, records, pipes and the discriminated option", () => {
    const Probe = z.discriminatedUnion("type", [
      z.object({ type: z.literal("http"), url: z.string() }).strict(),
      z.object({ type: z.literal("alert"), alertname: z.string() }).strict(),
    ]);
    const Schema = z
      .object({
        steps: z.array(z.object({ name: z.string(), probe: Probe })).default([]),
        targets: z.record(z.string(), z.object({ host: z.string() }).strict()),
        budget: z.string().pipe(z.string()),
      })
      .strict();
    const value = { steps: [{ name: "a", probe: { type: "alert", alertnme: "X" } }], targets: { hub: { hots: "h" } } };
    assert.deepEqual([...knownKeysAt(Schema, [], value)].sort(), ["budget", "steps", "targets"]);
    assert.deepEqual([...knownKeysAt(Schema, ["steps", 0, "probe"], value)].sort(), ["alertname", "type"]);
    assert.deepEqual([...knownKeysAt(Schema, ["targets", "hub"], value)], ["host"]);
    // A probe whose type names no option: every option's keys are candidates.
    assert.deepEqual([...knownKeysAt(Schema, ["steps", 0, "probe"], { steps: [{ probe: { type: "nope" } }] })].sort(), ["alertname", "type", "url"]);
  });
});
