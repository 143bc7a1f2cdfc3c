import type { Fault } from "../model/faultSchemas";
import { durationMs } from "../model/duration";

/** An Ansible task as plain data; the playbook is serialised with the yaml package, never by string pasting. */
export type AnsibleTask = Record<string, unknown>;

export interface FaultTasks {
  inject: AnsibleTask[];
  revert: AnsibleTask[];
}

const TAG = "surveillance_chaos";

/** argv through ansible.builtin.command: no shell, so nothing in a pattern or path is interpreted. */
const command = (name: string, argv: string[], extra: Record<string, unknown> = {}): AnsibleTask => ({
  name,
  "ansible.builtin.command": { argv },
  ...extra,
});

/** pkill takes an extended regex; the experiment's pattern is literal, so every metacharacter is escaped. */
export function literalRegex(pattern: string): string {
  return pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const signalName = (s: string) => s.replace(/^SIG/, "");

/**
 * Inject and revert tasks for one fault. Only faults whose effect can be written as plain
 * Ansible are exportable; the others say why, so the export never silently drops a fault.
 */
export function faultTasks(fault: Fault, id: string): FaultTasks {
  switch (fault.type) {
    case "process-kill": {
      const p = fault.params;
      if (p.pattern !== undefined) return { inject: [command(`${id}: send ${p.signal} to processes matching the pattern`, ["pkill", "--signal", signalName(p.signal), "-f", "--", literalRegex(p.pattern)])], revert: [] };
      if (p.pidFile !== undefined) return { inject: [command(`${id}: send ${p.signal} to the pid in ${p.pidFile}`, ["pkill", "--signal", signalName(p.signal), "-F", p.pidFile])], revert: [] };
      return { inject: [command(`${id}: send ${p.signal} to unit ${p.unit}`, ["systemctl", "kill", "--signal", signalName(p.signal), "--", p.unit!])], revert: [] };
    }
    case "process-pause": {
      const p = fault.params;
      const select = p.pattern !== undefined ? ["-f", "--", literalRegex(p.pattern)] : p.pidFile !== undefined ? ["-F", p.pidFile] : undefined;
      if (!select) throw new NotExportable(id, "pausing a systemd unit's process is not exportable; use pattern or pidFile");
      return {
        inject: [command(`${id}: freeze (SIGSTOP)`, ["pkill", "--signal", "STOP", ...select])],
        revert: [command(`${id}: thaw (SIGCONT)`, ["pkill", "--signal", "CONT", ...select])],
      };
    }
    case "service-stop":
      return {
        inject: [{ name: `${id}: stop ${fault.params.service}`, "ansible.builtin.service": { name: fault.params.service, state: "stopped" } }],
        revert: [{ name: `${id}: start ${fault.params.service}`, "ansible.builtin.service": { name: fault.params.service, state: "started" } }],
      };
    case "service-restart":
      return { inject: [{ name: `${id}: restart ${fault.params.service}`, "ansible.builtin.service": { name: fault.params.service, state: "restarted" } }], revert: [] };
    case "network-blackhole": {
      const p = fault.params;
      const match = ["ip", "daddr", p.host, ...(p.port !== undefined && p.protocol !== "all" ? [p.protocol, "dport", String(p.port)] : [])];
      return {
        inject: [
          command(`${id}: create our own nftables table`, ["nft", "add", "table", "inet", TAG]),
          command(`${id}: create its output chain`, ["nft", "add", "chain", "inet", TAG, "output", "{ type filter hook output priority 0 ; }"]),
          command(`${id}: ${p.action} traffic to ${p.host}${p.port ? `:${p.port}` : ""}`, ["nft", "add", "rule", "inet", TAG, "output", ...match, p.action]),
        ],
        revert: [command(`${id}: delete our table (and only ours)`, ["nft", "delete", "table", "inet", TAG], { failed_when: false })],
      };
    }
    case "storage-block":
      return {
        inject: [
          { name: `${id}: record the mode and owner of ${fault.params.path}`, "ansible.builtin.stat": { path: fault.params.path }, register: `${varName(id)}_stat` },
          { name: `${id}: block ${fault.params.path}`, "ansible.builtin.file": { path: fault.params.path, mode: "0000" } },
        ],
        revert: [
          {
            name: `${id}: restore the exact mode and owner`,
            "ansible.builtin.file": { path: fault.params.path, mode: `{{ ${varName(id)}_stat.stat.mode }}`, owner: `{{ ${varName(id)}_stat.stat.pw_name }}`, group: `{{ ${varName(id)}_stat.stat.gr_name }}` },
            when: `${varName(id)}_stat.stat is defined`,
          },
        ],
      };
    // stress-ng ends by itself at --timeout: nothing is left to revert, and killing by
    // name could hit a stress-ng that is not ours.
    case "cpu-stress":
      return { inject: [command(`${id}: CPU stress`, ["stress-ng", "--cpu", String(fault.params.workers), "--cpu-load", String(fault.params.load), "--timeout", `${Math.max(1, Math.round(durationMs(fault.duration) / 1000))}s`], { async: Math.ceil(durationMs(fault.duration) / 1000) + 30, poll: 0 })], revert: [] };
    case "memory-stress":
      return { inject: [command(`${id}: memory stress`, ["stress-ng", "--vm", String(fault.params.workers), "--vm-bytes", fault.params.size, "--timeout", `${Math.max(1, Math.round(durationMs(fault.duration) / 1000))}s`], { async: Math.ceil(durationMs(fault.duration) / 1000) + 30, poll: 0 })], revert: [] };
    case "custom":
      return { inject: [command(`${id}: custom inject`, fault.params.inject)], revert: [command(`${id}: custom revert`, fault.params.revert)] };
    default:
      throw new NotExportable(id, `${fault.type} faults are not exportable to Ansible yet; run them with surveillance-chaos`);
  }
}

export class NotExportable extends Error {
  constructor(faultId: string, reason: string) {
    super(`fault ${faultId}: ${reason}`);
    this.name = "NotExportable";
  }
}

export const varName = (id: string) => id.replace(/[^A-Za-z0-9_]/g, "_");
