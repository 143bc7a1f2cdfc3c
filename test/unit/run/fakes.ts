// Fakes for the runner's unit tests: they stand in for real fault drivers, probes and
// transports (which the integration tests exercise against the lab) and record every call.
import type { AnyFaultDriver, PreparedFault } from "../../../src/engine/faults/FaultDriver";
import type { LoadedExperiment } from "../../../src/engine/load/loadExperiment";
import type { LoadedInventory } from "../../../src/engine/load/loadInventory";
import { ExperimentSchema } from "../../../src/engine/model/experimentSchema";
import type { FaultType } from "../../../src/engine/model/faultSchemas";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import type { ProbeType } from "../../../src/engine/model/probeSchemas";
import type { AnyProbeDriver, ProbeResult } from "../../../src/engine/probes/ProbeDriver";
import type { Transport, TransportPool } from "../../../src/engine/transports/Transport";
import type { AlertRuleCatalog, RunDeps } from "../../../src/engine/run/RunDeps";

export interface FakeFaultOptions {
  reversible?: boolean;
  injectThrows?: string;
  revertThrows?: string;
  verifyReverted?: boolean;
  tools?: string[];
  /** Gives the prepared fault revert argv, so the ledger arms a dead-man switch for it. */
  revertArgv?: string[][];
}

export class FakeFaultDriver {
  readonly calls: string[] = [];
  constructor(private readonly options: FakeFaultOptions = {}) {}

  get revertCount(): number {
    return this.calls.filter((c) => c === "revert").length;
  }

  readonly driver: AnyFaultDriver = {
    type: "custom",
    requiredTools: () => this.options.tools ?? [],
    prepare: async (ctx): Promise<PreparedFault> => {
      this.calls.push("prepare");
      return {
        summary: `fake fault on ${ctx.targetName}`,
        commands: [ctx.transport.render(["fake-inject", ctx.tag])],
        revertCommands: this.options.reversible === false ? [] : [ctx.transport.render(["fake-revert", ctx.tag])],
        revert: { type: "custom", tag: ctx.tag },
        reversible: this.options.reversible ?? true,
        ...(this.options.revertArgv ? { revertArgv: this.options.revertArgv } : {}),
      };
    },
    inject: async () => {
      this.calls.push("inject");
      if (this.options.injectThrows) throw new Error(this.options.injectThrows);
    },
    verifyInjected: async () => true,
    revert: async () => {
      this.calls.push("revert");
      if (this.options.revertThrows) throw new Error(this.options.revertThrows);
    },
    verifyReverted: async () => {
      this.calls.push("verifyReverted");
      return this.options.verifyReverted ?? true;
    },
  };
}

/** HTTP probes whose answer is decided by a function of the URL (the "probe" is just a key here). */
export function fakeProbeDriver(answer: (url: string) => ProbeResult | Promise<ProbeResult>): AnyProbeDriver {
  return {
    type: "http",
    evaluate: async (_ctx, probe) => answer((probe as { url: string }).url),
    describe: (probe) => (probe as { url: string }).url,
  } as AnyProbeDriver;
}

export interface FakeTransportOptions {
  reachable?: boolean;
  commands?: string[];
  /** Every argv run on the target, in order (dead-man arming and disarming show up here). */
  execs?: string[][];
  /** Fails the exec whose argv this matches (an arming that cannot start, say). */
  failExec?: (argv: readonly string[]) => boolean;
}

export function fakeTransportPool(options: FakeTransportOptions = {}): TransportPool {
  const transport: Transport = {
    kind: "local",
    targetName: "hub",
    exec: async (argv) => {
      options.execs?.push([...argv]);
      if (options.failExec?.(argv)) return { code: 1, signal: null, stdout: "", stderr: "setsid: not found" };
      // A detached start prints its PID (deadManSwitch.armDeadMan reads it).
      return { code: options.reachable === false ? 255 : 0, signal: null, stdout: "4242\n", stderr: options.reachable === false ? "no route to host" : "" };
    },
    render: (argv) => argv.join(" "),
    hasCommand: async (name) => (options.commands ?? []).includes(name),
    close: async () => undefined,
  };
  return { get: async () => transport, closeAll: async () => undefined };
}

export const fakeRules = (catalog: Partial<AlertRuleCatalog> = {}) => async (): Promise<AlertRuleCatalog> => ({
  source: "http://prometheus.fake",
  rules: [],
  scrapeIntervalMs: 1000,
  ...catalog,
});

export function fakeDeps(fault: FakeFaultDriver, probe: AnyProbeDriver, overrides: Partial<RunDeps> = {}): RunDeps {
  return {
    faultDriver: (type: FaultType) => ({ ...fault.driver, type }),
    probeDriver: (type: ProbeType) => {
      if (type !== "http") throw new Error(`no fake probe for ${type}`);
      return probe;
    },
    transports: fakeTransportPool(),
    secrets: async () => undefined,
    loadAlertRules: fakeRules(),
    ...overrides,
  };
}

export const inventory: LoadedInventory = {
  file: "/fake/targets.yaml",
  inventory: InventorySchema.parse({ targets: { hub: { allowChaos: true, transport: { type: "local" } } } }),
};

const http = (url: string) => ({ type: "http", url });

/** A small experiment with millisecond timings; pieces can be overridden. */
export function experiment(overrides: Record<string, unknown> = {}): LoadedExperiment {
  const raw = {
    id: "T-01",
    title: "fake",
    component: "test",
    steadyState: [{ name: "healthy", probe: http("steady") }],
    faults: [{ id: "f1", type: "custom", target: "hub", params: { inject: ["x"], revert: ["y"], confirm: true } }],
    expectations: [{ name: "detected", measures: "detect", within: "300ms", probe: http("detect") }],
    guards: [],
    observe: { interval: "10ms" },
    recovery: { budget: "300ms" },
    ...overrides,
  };
  return { file: "/fake/t-01.chaos.yaml", experiment: ExperimentSchema.parse(raw), variables: {} };
}

export { http };
