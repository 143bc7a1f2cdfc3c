import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { LAB_HOST, labPorts, labUrl } from "../ports.js";
import { renderTemplateFile } from "../renderTemplate.js";

export const labAlertmanagerParams = {
  groupWait: "1s",
  groupInterval: "5s",
  repeatInterval: "1h",
  sinkBase: labUrl(labPorts.sinksHttp),
  smarthost: `${LAB_HOST}:${labPorts.sinksSmtp}`,
  mailFrom: "alertmanager@home.lab",
  opsEmail: "ops@home.lab",
};
export type AlertmanagerParams = typeof labAlertmanagerParams;

/** Writes alertmanager.yml into `dir` and returns its path. */
export function writeAlertmanagerConfig(dir: string, params: AlertmanagerParams = labAlertmanagerParams): string {
  const text = renderTemplateFile(join(import.meta.dirname, "alertmanager.yml.tmpl"), params);
  parse(text);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "alertmanager.yml");
  writeFileSync(path, text);
  return path;
}
