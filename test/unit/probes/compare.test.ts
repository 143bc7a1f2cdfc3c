import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compare, formatNumber } from "../../../src/engine/probes/compare";

describe("compare", () => {
  it("applies every operator", () => {
    const cases: [number, "==" | "!=" | ">" | ">=" | "<" | "<=", number, boolean][] = [
      [0, "==", 0, true], [1, "==", 0, false], [1, "!=", 0, true], [2, ">", 1, true], [1, ">", 1, false],
      [1, ">=", 1, true], [0.5, "<", 1, true], [1, "<", 1, false], [1, "<=", 1, true],
    ];
    for (const [v, op, value, want] of cases) assert.equal(compare(v, { op, value }), want, `${v} ${op} ${value}`);
  });

  it("never passes NaN, even for !=", () => {
    assert.equal(compare(NaN, { op: "!=", value: 0 }), false);
    assert.equal(compare(Infinity, { op: ">", value: 1e308 }), true);
  });

  it("formats numbers as Prometheus shows them", () => {
    assert.deepEqual([1, 0.123456, NaN, -Infinity].map(formatNumber), ["1", "0.1235", "NaN", "-Inf"]);
  });
});
