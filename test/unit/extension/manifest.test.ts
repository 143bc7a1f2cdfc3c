import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { CommandIds, TaskType, ViewIds } from "../../../src/extension/commandIds";

const root = join(__dirname, "..", "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean; description?: string } };
  contributes: {
    commands: { command: string; title: string }[];
    views: Record<string, { id: string }[]>;
    menus: Record<string, { command: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
    taskDefinitions: { type: string }[];
    yamlValidation: { fileMatch: string; url: string }[];
  };
};
const nls = JSON.parse(readFileSync(join(root, "package.nls.json"), "utf8")) as Record<string, string>;

test("every command id constant is contributed, and every contributed command has a constant", () => {
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(CommandIds).sort());
});

test("every view id constant is contributed in the activity-bar container", () => {
  const views = (pkg.contributes.views[ViewIds.container] ?? []).map((v) => v.id).sort();
  assert.deepEqual(views, [ViewIds.activeFaults, ViewIds.experiments, ViewIds.targets].sort());
});

test("menus and welcome views only name contributed commands", () => {
  const known = new Set<string>(Object.values(CommandIds));
  for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
    for (const item of items) assert.ok(known.has(item.command), `${menu}: unknown command ${item.command}`);
  }
  for (const w of pkg.contributes.viewsWelcome) {
    for (const m of w.contents.matchAll(/\(command:([^)?]+)\)/g)) {
      const id = m[1]!;
      assert.ok(known.has(id) || id.startsWith("workbench."), `welcome of ${w.view}: unknown command ${id}`);
    }
  }
});

test("every %placeholder% of the manifest has a string in package.nls.json", () => {
  const placeholders = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
  assert.ok(placeholders.length > 20);
  for (const p of placeholders) assert.equal(typeof nls[p], "string", `missing nls string ${p}`);
  assert.equal(nls["command.runExperiment"], "Run Chaos Experiment");
  assert.equal(nls["command.haltAll"], "Stop and Revert All Faults");
});

test("activation is lazy: no '*', workspaceContains for experiments, onView and onCommand", () => {
  assert.ok(!pkg.activationEvents.includes("*"));
  assert.ok(!pkg.activationEvents.includes("onStartupFinished"));
  assert.ok(pkg.activationEvents.includes("workspaceContains:**/*.chaos.yaml"));
  for (const id of Object.values(ViewIds).filter((v) => v !== ViewIds.container)) assert.ok(pkg.activationEvents.includes(`onView:${id}`), id);
  assert.ok(pkg.activationEvents.includes(`onCommand:${CommandIds.runExperiment}`));
});

test("untrusted workspaces are supported in a limited way, with a reason", () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, "limited");
  assert.ok(pkg.capabilities.untrustedWorkspaces.description);
});

test("the task type and the YAML schemas are contributed", () => {
  assert.deepEqual(
    pkg.contributes.taskDefinitions.map((t) => t.type),
    [TaskType],
  );
  assert.deepEqual(
    pkg.contributes.yamlValidation.map((y) => y.url).sort(),
    ["./schemas/experiment.schema.json", "./schemas/targets.schema.json"],
  );
  assert.equal(pkg.main, "./dist/extension.js");
});
