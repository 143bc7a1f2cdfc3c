import assert from "node:assert/strict";
import { test } from "node:test";
import { formatAge, formatElapsed, formatMeasured } from "../../../src/extension/format/formatTime";

test("elapsed times for the status bar", () => {
  assert.equal(formatElapsed(4_200), "4s");
  assert.equal(formatElapsed(125_000), "2m 05s");
  assert.equal(formatElapsed(3_780_000), "1h 03m");
  assert.equal(formatElapsed(-5), "0s");
});

test("ages for the experiments tree", () => {
  const now = 1_000_000_000;
  assert.equal(formatAge(now - 10_000, now), "just now");
  assert.equal(formatAge(now - 5 * 60_000, now), "5 min ago");
  assert.equal(formatAge(now - 3 * 3_600_000, now), "3 h ago");
  assert.equal(formatAge(now - 72 * 3_600_000, now), "3 days ago");
});

test("measured times, and a dash for what was not measured", () => {
  assert.equal(formatMeasured(6_240), "6.2 s");
  assert.equal(formatMeasured(64_000), "1 min 04 s");
  assert.equal(formatMeasured(null), "—");
  assert.equal(formatMeasured(undefined), "—");
});
