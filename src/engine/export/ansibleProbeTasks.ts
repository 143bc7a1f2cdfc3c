import type { Inventory } from "../model/inventorySchema";
import type { Compare, Probe } from "../model/probeSchemas";
import { literalRegex, type AnsibleTask } from "./ansibleFaultTasks";

const JINJA_TEST: Record<Compare["op"], string> = { "==": "eq", "!=": "ne", ">": "gt", ">=": "ge", "<": "lt", "<=": "le" };

export interface WaitOptions {
  retries: number;
  delaySeconds: number;
}

const serviceUrl = (inventory: Inventory, name: string) => {
  const s = inventory.services[name];
  if (!s) throw new Error(`no service "${name}" in the inventory`);
  return s.url.replace(/\/+$/, "");
};

/**
 * URLs are percent-encoded here, so no `{` of a PromQL matcher ever reaches Jinja.
 * A task that waits until the probe holds, or `undefined` when the probe has no plain
 * Ansible equivalent (the playbook then says so in a debug task rather than pretending).
 */
export function probeTask(name: string, probe: Probe, inventory: Inventory, wait: WaitOptions): AnsibleTask | undefined {
  const until = { register: "probe_result", retries: wait.retries, delay: wait.delaySeconds };
  switch (probe.type) {
    case "prometheus": {
      if (probe.range !== undefined) return undefined;
      const cmp = probe.compare ?? { op: ">=", value: Number.NEGATIVE_INFINITY };
      const values = "probe_result.json.data.result | map(attribute='value') | map('last') | map('float')";
      const satisfied = `(${values} | select('${JINJA_TEST[cmp.op]}', ${cmp.value}) | list | length)`;
      const count = "(probe_result.json.data.result | length)";
      const cond = probe.match === "any" ? `${satisfied} > 0` : `${count} > 0 and ${satisfied} == ${count}`;
      return {
        name,
        "ansible.builtin.uri": { url: `${serviceUrl(inventory, probe.service)}/api/v1/query?query=${encodeURIComponent(probe.query)}`, return_content: true },
        until: `probe_result.json is defined and ${cond}`,
        ...until,
      };
    }
    case "alert": {
      const source = probe.service ?? probe.source;
      if (probe.source !== "alertmanager") return undefined;
      const filters = [`alertname="${probe.alertname}"`, ...Object.entries(probe.labels).map(([k, v]) => `${k}="${v}"`)];
      return {
        name,
        "ansible.builtin.uri": {
          url: `${serviceUrl(inventory, source)}/api/v2/alerts?active=true&${filters.map((f) => `filter=${encodeURIComponent(f)}`).join("&")}`,
          return_content: true,
        },
        until: `probe_result.json is defined and (probe_result.json | length) > 0`,
        ...until,
      };
    }
    case "http":
      return { name, "ansible.builtin.uri": { url: probe.url, method: probe.method, status_code: probe.status }, until: "probe_result is succeeded", ...until };
    case "process":
      return {
        name,
        "ansible.builtin.command": { argv: ["pgrep", "-f", "--", literalRegex(probe.pattern)] },
        changed_when: false,
        failed_when: false,
        until: probe.expect === "running" ? "probe_result.rc == 0" : "probe_result.rc == 1",
        ...until,
      };
    default:
      return undefined;
  }
}
