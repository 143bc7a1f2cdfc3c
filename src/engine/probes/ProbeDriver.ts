import type { Inventory } from "../model/inventorySchema";
import type { Probe, ProbeOf, ProbeType } from "../model/probeSchemas";
import type { TransportPool } from "../transports/Transport";

export interface ProbeResult {
  ok: boolean;
  /** The observed value, when there is one number or word to show (e.g. 0 for up == 0). */
  value?: number | string | boolean | null;
  /** What was seen, in words, for the timeline and reports. Never contains secrets. */
  detail: string;
}

/** Resolves a secret by name: environment in the CLI, SecretStorage in VS Code. */
export type SecretResolver = (name: string) => Promise<string | undefined>;

export interface ProbeContext {
  inventory: Inventory;
  transports: TransportPool;
  secrets: SecretResolver;
  signal: AbortSignal;
  /** Epoch ms of the first injection, once there is one (restart and notification probes use it). */
  injectedAt?: number;
  /** Per-probe state captured before injection (e.g. notification counters), keyed by probe key. */
  baselines: Map<string, unknown>;
}

export interface ProbeDriver<T extends ProbeType = ProbeType> {
  readonly type: T;
  evaluate(ctx: ProbeContext, probe: ProbeOf<T>): Promise<ProbeResult>;
  /** Captures what `evaluate` compares against later (called once, just before injection). */
  baseline?(ctx: ProbeContext, probe: ProbeOf<T>): Promise<unknown>;
  /** A short description: "up{job=\"x\"} == 0 on prometheus". */
  describe(probe: ProbeOf<T>): string;
}

export type AnyProbeDriver = ProbeDriver<ProbeType>;

/** Stable key for a probe (for baselines): its JSON. */
export function probeKey(probe: Probe): string {
  return JSON.stringify(probe);
}
