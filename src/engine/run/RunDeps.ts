import type { AnyFaultDriver } from "../faults/FaultDriver";
import type { MarkerSink } from "../markers/MarkerSink";
import type { FaultType } from "../model/faultSchemas";
import type { Inventory } from "../model/inventorySchema";
import type { ProbeType } from "../model/probeSchemas";
import type { AnyProbeDriver, SecretResolver } from "../probes/ProbeDriver";
import type { TransportPool } from "../transports/Transport";

/** An alerting rule as Prometheus has it loaded, with what decides how soon it can fire. */
export interface AlertRuleInfo {
  name: string;
  forMs: number;
  evaluationIntervalMs: number;
}

export interface AlertRuleCatalog {
  /** Where the rules came from, for messages ("http://127.0.0.1:9090"). */
  source: string;
  rules: AlertRuleInfo[];
  scrapeIntervalMs: number;
}

export type LoadAlertRules = (inventory: Inventory, secrets: SecretResolver, signal: AbortSignal) => Promise<AlertRuleCatalog>;

export interface Clock {
  now(): number;
  /** Resolves after `ms` or as soon as `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done, { once: true });
    }),
};

/** What a run needs from the outside world; the CLI and the extension wire the real ones, tests wire fakes. */
export interface RunDeps {
  faultDriver(type: FaultType): AnyFaultDriver;
  probeDriver(type: ProbeType): AnyProbeDriver;
  transports: TransportPool;
  secrets: SecretResolver;
  loadAlertRules: LoadAlertRules;
  /** Where the run's start, injection, revert and end are marked (Pushgateway, Loki, Grafana); failures are journaled, never fatal. */
  markers?: MarkerSink[];
  clock?: Clock;
}
