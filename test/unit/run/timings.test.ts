import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ExpectationOutcome } from "../../../src/engine/run/RunResult";
import { computeTimings } from "../../../src/engine/run/timings";
import { computeVerdict } from "../../../src/engine/run/verdict";

const exp = (measures: ExpectationOutcome["measures"], metAt: number | null): ExpectationOutcome => ({
  name: `${measures}@${metAt}`,
  measures,
  mode: "eventually",
  withinMs: 60_000,
  met: metAt !== null,
  metAt,
  detail: "",
});

describe("computeTimings", () => {
  it("detect from injection, notify from detection, recover from the recovery start to steady state", () => {
    const t = computeTimings({ injectedAt: 1000, expectations: [exp("detect", 9000), exp("detect", 7000), exp("notify", 12_500), exp(null, 2000)], recoverySince: 1000, steadyBackAt: 31_000 });
    assert.deepEqual(t, { detectMs: 6000, notifyMs: 5500, recoverMs: 30_000 });
  });

  it("a measures: recover expectation wins over the steady state", () => {
    const t = computeTimings({ injectedAt: 0, expectations: [exp("recover", 4000)], recoverySince: 1000, steadyBackAt: 9000 });
    assert.equal(t.recoverMs, 3000);
  });

  it("never guesses: unmet or missing times are null", () => {
    const t = computeTimings({ injectedAt: 1000, expectations: [exp("detect", null), exp("notify", 5000)], recoverySince: null, steadyBackAt: null });
    assert.deepEqual(t, { detectMs: null, notifyMs: null, recoverMs: null });
    assert.deepEqual(computeTimings({ injectedAt: null, expectations: [], recoverySince: null, steadyBackAt: null }), { detectMs: null, notifyMs: null, recoverMs: null });
  });
});

describe("computeVerdict", () => {
  const all = { refused: false, errored: false, cancelled: false, guardTripped: false, steadyStateBefore: true, allExpectationsMet: true, steadyStateBack: true, allRevertsVerified: true };
  it("passes only when everything held", () => {
    assert.equal(computeVerdict(all), "passed");
    for (const key of ["steadyStateBefore", "allExpectationsMet", "steadyStateBack", "allRevertsVerified"] as const) {
      assert.equal(computeVerdict({ ...all, [key]: false }), "failed", key);
    }
  });
  it("refused, error and aborted take precedence", () => {
    assert.equal(computeVerdict({ ...all, refused: true, errored: true }), "refused");
    assert.equal(computeVerdict({ ...all, errored: true, cancelled: true }), "error");
    assert.equal(computeVerdict({ ...all, guardTripped: true }), "aborted");
    assert.equal(computeVerdict({ ...all, cancelled: true }), "aborted");
  });
});
