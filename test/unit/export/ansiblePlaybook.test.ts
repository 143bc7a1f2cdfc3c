import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { experimentToPlaybook } from "../../../src/engine/export/ansiblePlaybook";
import { literalRegex } from "../../../src/engine/export/ansibleFaultTasks";
import { ExperimentSchema } from "../../../src/engine/model/experimentSchema";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";

const inventory = InventorySchema.parse({
  services: { prometheus: { url: "http://127.0.0.1:9090" }, alertmanager: { url: "http://127.0.0.1:9093" } },
  targets: { hub: { allowChaos: true, transport: { type: "local" } } },
});

test("revert tasks sit in the always: block so a failed expectation still reverts", () => {
  const e = ExperimentSchema.parse({
    id: "X",
    title: "block storage",
    component: "prometheus-loki",
    faults: [{ id: "block", type: "storage-block", target: "hub", duration: "5s", params: { path: "/var/lib/loki" } }],
    expectations: [{ name: "alert", within: "30s", probe: { type: "alert", alertname: "LogIngestionStalled" } }],
  });
  const [play] = parse(experimentToPlaybook(e, inventory)) as [{ tasks: { block?: unknown[]; always?: { name: string }[] }[] }];
  const block = play.tasks.find((t) => t.block);
  assert.ok(block?.always?.some((t) => /restore the exact mode and owner/.test(t.name)));
  assert.ok(block?.block?.length === 4, "stat, block, pause, expectation");
});

test("a pattern with shell and regex metacharacters reaches pkill as one literal argv word", () => {
  const pattern = `a;touch /tmp/pwned $(id) "q" .*`;
  const e = ExperimentSchema.parse({ id: "X", title: "t", component: "c", faults: [{ type: "process-kill", target: "hub", params: { pattern } }] });
  const yaml = experimentToPlaybook(e, inventory);
  const [play] = parse(yaml) as [{ tasks: { block?: { "ansible.builtin.command"?: { argv: string[] } }[] }[] }];
  const argv = play.tasks.find((t) => t.block)!.block![0]!["ansible.builtin.command"]!.argv;
  assert.deepEqual(argv.slice(0, 5), ["pkill", "--signal", "KILL", "-f", "--"]);
  assert.equal(argv[5], literalRegex(pattern));
  assert.equal(new RegExp(argv[5]!).test(pattern), true);
  assert.equal(new RegExp(argv[5]!).test("a;touch /tmp/pwned x"), false);
});

test("faults with no plain Ansible form are refused by name", () => {
  const e = ExperimentSchema.parse({ id: "X", title: "t", component: "c", faults: [{ id: "lat", type: "network-latency", target: "hub", params: { delay: "500ms" } }] });
  assert.throws(() => experimentToPlaybook(e, inventory), /fault lat: network-latency faults are not exportable/);
});
