import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parse } from "yaml";
import * as z from "zod";
import { writeAlertmanagerConfig } from "../../../lab/alertmanager/renderAlertmanager.js";
import { writePrometheusConfig } from "../../../lab/prometheus/renderPrometheus.js";

const dir = mkdtempSync(join(tmpdir(), "lab-configs-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string, args: string[]): { status: number | null; stdout: string; output: string } {
  const r = spawnSync(command, args, { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, output: `${r.stdout}${r.stderr}` };
}

test("rendered prometheus.yml passes promtool check config", () => {
  const { config } = writePrometheusConfig(join(dir, "prometheus"));
  const r = run("promtool", ["check", "config", config]);
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /SUCCESS: 7 rules found/);
});

test("rendered rule file passes promtool check rules and keeps the real names", () => {
  const { rules } = writePrometheusConfig(join(dir, "prometheus"));
  const r = run("promtool", ["check", "rules", rules]);
  assert.equal(r.status, 0, r.output);
  const parsed = z
    .object({ groups: z.array(z.object({ name: z.string(), rules: z.array(z.object({ alert: z.string(), for: z.string().optional(), labels: z.record(z.string(), z.string()) })) })) })
    .parse(parse(readFileSync(rules, "utf8")));
  const group = parsed.groups[0];
  assert.equal(group?.name, "tapo-camera-mcp");
  const byName = new Map(group?.rules.map((rule) => [rule.alert, rule]));
  assert.deepEqual([...byName.keys()].sort(), ["CameraCheckFailing", "CameraOffline", "EdgeAgentDown", "EdgeAgentMissedScrape", "LogEntriesDropped", "LogIngestionStalled", "TapoCameraMcpDown"]);
  assert.equal(byName.get("TapoCameraMcpDown")?.labels.severity, "critical");
  assert.equal(byName.get("TapoCameraMcpDown")?.labels.service, "tapo-camera-mcp");
  assert.equal(byName.get("EdgeAgentMissedScrape")?.labels.severity, "warning");
  // No critical/warning: Alertmanager routes it to the default receiver, the ops email.
  assert.equal(byName.get("CameraCheckFailing")?.labels.severity, "info");
});

test("promtool test rules: TapoCameraMcpDown fires after the lab for: and not before", () => {
  const { rules } = writePrometheusConfig(join(dir, "prometheus"));
  const testFile = join(dir, "prometheus", "down_test.yml");
  const spec = {
    rule_files: [rules],
    evaluation_interval: "1s",
    tests: [
      {
        interval: "1s",
        input_series: [{ series: 'up{job="tapo-camera-mcp-system",instance="tapo-camera-mcp-host",service="tapo-camera-mcp"}', values: "1 0x20" }],
        alert_rule_test: [
          // Down from 1 s; the lab's `for: 3s` has not elapsed at 2 s.
          { eval_time: "2s", alertname: "TapoCameraMcpDown", exp_alerts: [] },
          {
            eval_time: "10s",
            alertname: "TapoCameraMcpDown",
            exp_alerts: [
              {
                exp_labels: { severity: "critical", service: "tapo-camera-mcp", job: "tapo-camera-mcp-system", instance: "tapo-camera-mcp-host" },
                exp_annotations: {
                  summary: "tapo-camera-mcp dashboard is down",
                  description: "Prometheus cannot scrape tapo-camera-mcp-host (job tapo-camera-mcp-system).",
                },
              },
            ],
          },
        ],
      },
    ],
  };
  writeFileSync(testFile, JSON.stringify(spec));
  const r = run("promtool", ["test", "rules", testFile]);
  assert.equal(r.status, 0, r.output);
});

test("rendered alertmanager.yml passes amtool check-config and routes by severity", () => {
  const config = writeAlertmanagerConfig(join(dir, "alertmanager"));
  const r = run("amtool", ["check-config", config]);
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /3 receivers/);
  const routes: [string, string][] = [
    ["severity=critical", "critical-pager"],
    ["severity=warning", "ops-channel"],
    ["severity=info", "default"],
  ];
  for (const [label, receiver] of routes) {
    const t = run("amtool", ["config", "routes", "test", `--config.file=${config}`, label, "alertname=X"]);
    assert.equal(t.status, 0, t.output);
    assert.equal(t.stdout.trim(), receiver);
  }
});
