import type { Fault, FaultOf, FaultType } from "../model/faultSchemas";
import type { Target } from "../model/inventorySchema";
import type { Transport } from "../transports/Transport";

/**
 * What the journal keeps to revert a fault from a fresh process (the sweep, `halt`):
 * plain JSON, no secrets. Each driver defines its own fields beside `type`.
 */
export type RevertRecord = { type: FaultType } & Record<string, unknown>;

export interface FaultContext {
  transport: Transport;
  targetName: string;
  target: Target;
  /** Tag put on everything this fault creates (rule comments, qdisc handles' notes, file names) so revert and the sweep touch only their own. */
  tag: string;
  signal: AbortSignal;
  /** host:port endpoints no network fault may cut (the Prometheus the run watches): the runner fills it from the inventory's services. */
  protect?: readonly { host: string; port: number }[];
  log(message: string): void;
}

export interface PreparedFault {
  /** One line a person can read: "SIGKILL pid 4242 (tapo_camera_mcp.web) on hub". */
  summary: string;
  /** Exactly the command lines inject will run on the target (dry run shows these). */
  commands: string[];
  /** Exactly the command lines revert will run (empty for instantaneous faults such as a kill). */
  revertCommands: string[];
  /**
   * The argv lists revert runs on the target, in order, each safe to run again (errors are
   * ignored). The dead-man switch (deadManSwitch.ts) runs them on the target itself when the
   * runner is gone; a reversible fault without them gets no dead-man switch.
   */
  revertArgv?: string[][];
  /** Everything needed to revert, written to the journal before injection. */
  revert: RevertRecord;
  /** False for faults that cannot be undone by us (a kill: recovery is the stack's job). */
  reversible: boolean;
}

/**
 * plan → inject → verify → revert → verify revert. `prepare` only reads (it resolves PIDs,
 * modes, free space) and never changes the target, so a dry run is `prepare` alone.
 */
export interface FaultDriver<T extends FaultType = FaultType> {
  readonly type: T;
  /** Executables the target must have (checked in preflight, before anything is injected). */
  requiredTools(fault: FaultOf<T>): string[];
  prepare(ctx: FaultContext, fault: FaultOf<T>): Promise<PreparedFault>;
  inject(ctx: FaultContext, prepared: PreparedFault): Promise<void>;
  verifyInjected(ctx: FaultContext, prepared: PreparedFault): Promise<boolean>;
  revert(ctx: FaultContext, record: RevertRecord): Promise<void>;
  verifyReverted(ctx: FaultContext, record: RevertRecord): Promise<boolean>;
}

export type AnyFaultDriver = FaultDriver<FaultType>;

export function faultId(fault: Fault, index: number): string {
  return fault.id ?? `${fault.type}-${index + 1}`;
}
