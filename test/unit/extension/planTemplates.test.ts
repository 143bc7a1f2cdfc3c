import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { loadExperimentText } from "../../../src/engine/load/loadExperiment";
import { fileNameFor, listPlanTemplates, withNewId } from "../../../src/extension/workspace/planTemplates";

const experimentsDir = join(__dirname, "..", "..", "..", "experiments");

test("the shipped templates are the plan's experiments, and each one loads", async () => {
  const templates = await listPlanTemplates(experimentsDir);
  assert.ok(templates.some((t) => t.id === "CT-01"));
  for (const t of templates) {
    const loaded = loadExperimentText(t.file, t.text);
    assert.ok(loaded.ok, `${t.name}: ${loaded.ok ? "" : loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join("; ")}`);
  }
});

test("a copy under a new id keeps everything else, comments included", async () => {
  const templates = await listPlanTemplates(experimentsDir);
  const ct01 = templates.find((t) => t.id === "CT-01")!;
  const copy = withNewId(ct01.text, "CT-09");
  assert.match(copy, /^id: CT-09$/m);
  assert.equal(copy.replace(/^id: .*$/m, ""), ct01.text.replace(/^id: .*$/m, ""));
  const loaded = loadExperimentText("copy.chaos.yaml", copy);
  assert.ok(loaded.ok && loaded.value.experiment.id === "CT-09");
});

test("file names come from id and title", () => {
  assert.equal(fileNameFor("CT-05", "Kill the dashboard, twice!"), "ct-05-kill-the-dashboard-twice.chaos.yaml");
  assert.equal(fileNameFor("X", "***"), "x.chaos.yaml");
});

test("a folder without templates lists none, and non-experiment files are ignored", async () => {
  const dir = mkdtempSync(join(tmpdir(), "templates-"));
  try {
    assert.deepEqual(await listPlanTemplates(join(dir, "missing")), []);
    writeFileSync(join(dir, "targets.yaml"), "version: 1\n");
    writeFileSync(join(dir, "a.chaos.yaml"), "id: A-1\ntitle: A\n");
    const listed = await listPlanTemplates(dir);
    assert.deepEqual(
      listed.map((t) => [t.id, t.title]),
      [["A-1", "A"]],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
