import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { LAB_HOST, labPorts } from "../ports.js";
import { renderTemplateFile } from "../renderTemplate.js";

const target = (port: number) => `${LAB_HOST}:${port}`;

/** Lab timings; the real ones are in the templates' comments. */
export const labPrometheusParams = {
  scrapeInterval: "1s",
  scrapeTimeout: "1s",
  evaluationInterval: "1s",
  fileSdRefresh: "5s",
  site: "lab",
  location: "lab",
  dashboardTarget: target(labPorts.dashboard),
  alertmanagerTarget: target(labPorts.alertmanager),
  pushgatewayTarget: target(labPorts.pushgateway),
  promtailTarget: target(labPorts.promtail),
  lokiTarget: target(labPorts.loki),
  groupInterval: "1s",
  serviceDownFor: "3s",
  cameraOfflineFor: "5s",
  edgeAgentDownFor: "5s",
  edgeMissedScrapeFor: "5s",
  // The lab scrape timeout is 1 s, so the real 10 s threshold could never be crossed.
  edgeScrapeSlowSeconds: "0.5",
  logRateWindow: "15s",
  logStalledFor: "5s",
  logDroppedFor: "3s",
};
export type PrometheusParams = typeof labPrometheusParams;

export interface PrometheusFiles {
  config: string;
  rules: string;
}

/** Writes prometheus.yml, its rule file and the file_sd target lists into `dir`. */
export function writePrometheusConfig(dir: string, params: PrometheusParams = labPrometheusParams): PrometheusFiles {
  const templates = join(import.meta.dirname);
  const config = join(dir, "prometheus.yml");
  const rules = join(dir, "alerts", "tapo_camera_rules.yml");
  const configText = renderTemplateFile(join(templates, "prometheus.yml.tmpl"), params);
  const rulesText = renderTemplateFile(join(templates, "alerts", "tapo_camera_rules.yml.tmpl"), params);
  // Parse once here so a template mistake fails with a YAML error, not a daemon log line.
  parse(configText);
  parse(rulesText);
  mkdirSync(join(dir, "alerts"), { recursive: true });
  mkdirSync(join(dir, "file_sd"), { recursive: true });
  writeFileSync(config, configText);
  writeFileSync(rules, rulesText);
  writeFileSync(join(dir, "file_sd", "edge-agent.json"), fileSd(labPorts.edgeAgent, "edge-lab-1"));
  writeFileSync(join(dir, "file_sd", "node-exporter.json"), fileSd(labPorts.nodeExporter, "edge-lab-1"));
  return { config, rules };
}

function fileSd(port: number, host: string): string {
  return JSON.stringify([{ targets: [target(port)], labels: { host, location: "lab" } }], null, 2);
}
