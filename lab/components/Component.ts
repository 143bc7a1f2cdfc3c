/**
 * A piece of the demo lab. labctl starts components in dependency order, records each
 * PID it spawns under lab/.state/pids/, and stops them by PID (nothing else starts or
 * stops lab processes). Every component binds to loopback only.
 */
import type { LabSettings } from "../settings.js";

export interface LabContext {
  /** Absolute path of the repository. */
  repo: string;
  /** Absolute path of lab/.state (generated configs, data, logs, pid files). */
  state: string;
  /** True when running as root (tmpfs, nftables, sshd, dockerd are available). */
  root: boolean;
  /** Caller-adjustable knobs (defaults in lab/settings.ts). */
  settings: Readonly<LabSettings>;
  /** Progress lines go here (stderr of labctl). */
  log(message: string): void;
  /**
   * Spawns a long-running process detached from labctl, stdout/stderr appended to
   * lab/.state/logs/<name>.log, PID written to lab/.state/pids/<name>.pid.
   */
  spawn(name: string, command: string, args: readonly string[], options?: { env?: NodeJS.ProcessEnv; cwd?: string }): Promise<number>;
}

export interface HealthReport {
  healthy: boolean;
  detail: string;
}

export interface Component {
  name: string;
  /** Names of components that must be healthy first. */
  dependsOn: readonly string[];
  /** Endpoints printed by `lab:up`, e.g. { "dashboard": "http://127.0.0.1:7777" }. */
  endpoints: Readonly<Record<string, string>>;
  /** False (with a reason) when the machine cannot run this component; labctl skips it and says why. */
  available(ctx: LabContext): Promise<{ ok: boolean; reason?: string }>;
  /** Starts the component and resolves once it is ready (health true), or throws. */
  start(ctx: LabContext): Promise<void>;
  health(ctx: LabContext): Promise<HealthReport>;
  /** Extra clean-up after labctl has killed the component's PIDs (mounts, rules, sockets). */
  cleanup?(ctx: LabContext): Promise<void>;
}
