import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Series } from "../../../src/engine/clients/prometheusClient";
import { findGap, judgeSeries, rangeStepMs } from "../../../src/engine/probes/prometheusProbe";

const up = (job: string, ...vs: number[]): Series => ({ labels: { __name__: "up", job }, samples: vs.map((v, i) => ({ t: 1000 * i * 15, v })) });

describe("judgeSeries", () => {
  it("needs every sample to satisfy compare with match: all", () => {
    const r = judgeSeries({ compare: { op: "==", value: 0 }, match: "all", empty: "fail" }, [up("a", 0), up("b", 1)]);
    assert.deepEqual(r, { ok: false, value: 1, detail: 'up{job="b"} = 1, expected == 0 (2 series)' });
  });

  it("needs one sample with match: any", () => {
    const r = judgeSeries({ compare: { op: "==", value: 0 }, match: "any", empty: "fail" }, [up("a", 1, 1, 0)]);
    assert.equal(r.ok, true);
    assert.equal(r.value, 0);
  });

  it("applies the empty policy", () => {
    assert.equal(judgeSeries({ compare: { op: "==", value: 0 }, match: "all", empty: "fail" }, []).ok, false);
    assert.deepEqual(judgeSeries({ match: "all", empty: "pass" }, []), { ok: true, value: null, detail: "no series (empty: pass)" });
  });

  it("passes any non-empty answer when there is no compare", () => {
    assert.equal(judgeSeries({ match: "all", empty: "fail" }, [up("a", 7)]).ok, true);
  });
});

describe("findGap and steps", () => {
  it("finds the first gap wider than maxGap", () => {
    const s: Series = { labels: { job: "x" }, samples: [{ t: 0, v: 1 }, { t: 15_000, v: 1 }, { t: 75_000, v: 1 }] };
    assert.deepEqual(findGap([s], 30_000), { series: s, fromMs: 15_000, gapMs: 60_000 });
    assert.equal(findGap([s], 60_000), undefined);
  });

  it("picks about 120 points, never under 1 s", () => {
    assert.equal(rangeStepMs(600_000, undefined), 5000);
    assert.equal(rangeStepMs(10_000, undefined), 1000);
    assert.equal(rangeStepMs(600_000, "30s"), 30_000);
  });
});
