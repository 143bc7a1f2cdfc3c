import { errorMessage } from "../errors";
import { armDeadMan, disarmDeadMan } from "../faults/deadManSwitch";
import type { FaultContext, PreparedFault } from "../faults/FaultDriver";
import { durationMs, formatMs } from "../model/duration";
import type { FaultSafety } from "./faultSafety";
import type { FaultOutcome } from "./RunResult";
import type { ReadyFault } from "./preflight";
import type { RunRecorder } from "./RunRecorder";

/** How long one revert (and its verification) may take, whatever happened to the run's own signal. */
const REVERT_TIMEOUT_MS = 120_000;

/** The tag a fault's driver puts on what it creates; the same from the runner, the sweep and halt. */
export function faultTag(runId: string, faultId: string): string {
  return `sc-${runId}-${faultId}`;
}

interface Entry {
  ready: ReadyFault;
  durationMs: number;
  prepared?: PreparedFault;
  /** Set once arming the target's dead-man switch was attempted (it may have started even if arming reported a failure): a verified revert disarms it. */
  deadManArmed: boolean;
  injectedAt?: number;
  injectionVerified: boolean;
  revertAttempted: boolean;
  outcome?: Pick<FaultOutcome, "revert" | "revertedAt" | "revertError">;
}

/** Without an inventory's safety settings: the schema's default margin, nothing protected. */
const NO_SAFETY: FaultSafety = { deadManMarginMs: 60_000, untilObservationEndMs: 0, protect: [] };

/**
 * The run's faults from planning to verified revert. Each fault is journaled (with its
 * revert record and, when it has one, the time its dead-man switch fires) before it is
 * injected, and reverted at most once: `revertAll` is safe to call from every exit path.
 */
export class FaultLedger {
  private readonly entries: Entry[];

  constructor(
    faults: readonly ReadyFault[],
    private readonly recorder: RunRecorder,
    private readonly now: () => number,
    private readonly log: (message: string) => void,
    private readonly safety: FaultSafety = NO_SAFETY,
  ) {
    this.entries = faults.map((ready) => ({ ready, durationMs: durationMs(ready.fault.duration), deadManArmed: false, injectionVerified: false, revertAttempted: false }));
  }

  private context(entry: Entry, signal: AbortSignal): FaultContext {
    const { ready } = entry;
    return {
      transport: ready.transport,
      targetName: ready.targetName,
      target: ready.target,
      tag: faultTag(this.recorder.runId, ready.faultId),
      signal,
      protect: this.safety.protect,
      log: (m) => this.log(`${ready.faultId}: ${m}`),
    };
  }

  /**
   * How long after arming the target reverts the fault by itself: the time the fault is
   * meant to stay plus the margin. Undefined when it gets no switch: nothing to revert, no
   * revert argv to leave on the target, or a Docker target (no shell to leave a timer in).
   */
  private deadManAfterMs(entry: Entry, prepared: PreparedFault): number | undefined {
    if (!prepared.reversible || !prepared.revertArgv || prepared.revertArgv.length === 0 || entry.ready.transport.kind === "docker") return undefined;
    const holdMs = entry.durationMs > 0 ? entry.durationMs : this.safety.untilObservationEndMs;
    return holdMs + this.safety.deadManMarginMs;
  }

  /** Prepares every fault (reads only): what a dry run shows and what the journal records before injection. */
  async prepareAll(signal: AbortSignal): Promise<void> {
    for (const entry of this.entries) entry.prepared = await entry.ready.driver.prepare(this.context(entry, signal), entry.ready.fault);
  }

  /** Journals the fault, then injects it, then checks it took. Returns the injection time. */
  async inject(index: number, signal: AbortSignal): Promise<number> {
    const entry = this.entries[index]!;
    const ctx = this.context(entry, signal);
    const prepared = entry.prepared ?? (await entry.ready.driver.prepare(ctx, entry.ready.fault));
    entry.prepared = prepared;
    const afterMs = this.deadManAfterMs(entry, prepared);
    // armDeadMan rounds up to whole seconds from the moment it runs, so this is never later than the switch.
    const deadManAt = afterMs === undefined ? null : this.now() + Math.ceil(afterMs / 1000) * 1000;
    this.recorder.record({
      type: "fault-planned",
      faultId: entry.ready.faultId,
      faultType: entry.ready.fault.type,
      target: entry.ready.targetName,
      transport: entry.ready.target.transport,
      summary: prepared.summary,
      commands: prepared.commands,
      revertCommands: prepared.revertCommands,
      revert: prepared.revert,
      reversible: prepared.reversible,
      deadManAt,
    });
    if (afterMs !== undefined) {
      entry.deadManArmed = true;
      try {
        await armDeadMan(ctx.transport, ctx.tag, prepared.revertArgv ?? [], afterMs);
      } catch (e) {
        // Without its backstop a fault could outlive a crashed runner: it is not injected.
        const why = `not injected: the dead-man switch could not be armed (${errorMessage(e)})`;
        this.recorder.record({ type: "note", level: "error", message: `${entry.ready.faultId}: ${why}` });
        throw new Error(`fault ${entry.ready.faultId}: ${why}`);
      }
      this.log(`${entry.ready.faultId}: dead-man switch armed on ${entry.ready.targetName}: reverts by itself after ${formatMs(afterMs)} unless reverted first`);
    }
    entry.injectedAt = this.now();
    await entry.ready.driver.inject(ctx, prepared);
    entry.injectionVerified = await entry.ready.driver.verifyInjected(ctx, prepared);
    this.recorder.record({ type: "fault-injected", faultId: entry.ready.faultId, verified: entry.injectionVerified });
    return entry.injectedAt;
  }

  get count(): number {
    return this.entries.length;
  }

  /** True when no journaled fault can be reverted by us (a kill): recovery is then counted from injection. */
  get nothingReversible(): boolean {
    return this.entries.every((e) => !e.prepared || !e.prepared.reversible);
  }

  /** Injection time + duration of the longest fault, or undefined before injection. */
  longestDurationEnd(): number | undefined {
    const ends = this.entries.filter((e) => e.injectedAt !== undefined).map((e) => e.injectedAt! + e.durationMs);
    return ends.length > 0 ? Math.max(...ends) : undefined;
  }

  /** Reverts the reversible faults whose duration has elapsed (duration 0 waits for the end of observation). */
  async revertDue(at: number): Promise<void> {
    for (const entry of this.entries) {
      if (entry.injectedAt !== undefined && entry.durationMs > 0 && entry.prepared?.reversible && at >= entry.injectedAt + entry.durationMs) {
        await this.revertOne(entry);
      }
    }
  }

  /** Reverts everything still in place, last injected first. Never throws. */
  async revertAll(): Promise<void> {
    for (const entry of [...this.entries].reverse()) {
      try {
        await this.revertOne(entry);
      } catch (e) {
        // Only the journal can throw here; the other faults must still be reverted.
        this.log(`${entry.ready.faultId}: ${errorMessage(e)}`);
      }
    }
  }

  /** The time the last revert finished, if any fault was reverted by us. */
  lastRevertAt(): number | undefined {
    const times = this.entries.flatMap((e) => (e.outcome?.revert === "verified" || e.outcome?.revert === "failed" ? [e.outcome.revertedAt!] : []));
    return times.length > 0 ? Math.max(...times) : undefined;
  }

  get revertFailed(): boolean {
    return this.entries.some((e) => e.outcome?.revert === "failed");
  }

  private async revertOne(entry: Entry): Promise<void> {
    if (entry.revertAttempted || !entry.prepared) return;
    entry.revertAttempted = true;
    const faultId = entry.ready.faultId;
    if (!entry.prepared.reversible) {
      this.recorder.record({ type: "fault-reverted", faultId, verified: true, by: "not-needed" });
      entry.outcome = { revert: "not-needed", revertedAt: null };
      return;
    }
    // A fresh signal: the run's own may be aborted (that is often why we are reverting).
    const ctx = this.context(entry, AbortSignal.timeout(REVERT_TIMEOUT_MS));
    let verified = false;
    let error: string | undefined;
    try {
      await entry.ready.driver.revert(ctx, entry.prepared.revert);
      verified = await entry.ready.driver.verifyReverted(ctx, entry.prepared.revert);
      if (!verified) error = "the revert ran but the fault is still in place";
    } catch (e) {
      error = errorMessage(e);
    }
    // Only after a verified revert: otherwise the target's own timer stays the backstop.
    if (verified && entry.deadManArmed) {
      await disarmDeadMan(ctx.transport, ctx.tag).catch((e: unknown) => this.log(`${faultId}: dead-man switch not disarmed: ${errorMessage(e)}`));
    }
    const at = this.now();
    entry.outcome = { revert: verified ? "verified" : "failed", revertedAt: at, revertError: error };
    this.recorder.record({ type: "fault-reverted", at, faultId, verified, by: "runner", ...(error !== undefined ? { error } : {}) });
  }

  outcomes(): FaultOutcome[] {
    return this.entries.map((e) => ({
      faultId: e.ready.faultId,
      type: e.ready.fault.type,
      target: e.ready.targetName,
      summary: e.prepared?.summary ?? "",
      commands: e.prepared?.commands ?? [],
      revertCommands: e.prepared?.revertCommands ?? [],
      reversible: e.prepared?.reversible ?? false,
      injectedAt: e.injectedAt ?? null,
      injectionVerified: e.injectionVerified,
      revert: e.outcome?.revert ?? "not-planned",
      revertedAt: e.outcome?.revertedAt ?? null,
      ...(e.outcome?.revertError !== undefined ? { revertError: e.outcome.revertError } : {}),
    }));
  }
}
