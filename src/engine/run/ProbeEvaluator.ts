import { errorMessage } from "../errors";
import type { Probe } from "../model/probeSchemas";
import { probeKey, type ProbeContext, type ProbeResult } from "../probes/ProbeDriver";
import type { RunDeps } from "./RunDeps";

/** Evaluates probes for a run; a probe that throws is a failed sample with the error as its detail, never a crashed run. */
export class ProbeEvaluator {
  constructor(
    private readonly deps: Pick<RunDeps, "probeDriver">,
    readonly context: ProbeContext,
  ) {}

  async evaluate(probe: Probe): Promise<ProbeResult> {
    try {
      return await this.deps.probeDriver(probe.type).evaluate(this.context, probe);
    } catch (e) {
      return { ok: false, detail: `probe error: ${errorMessage(e)}` };
    }
  }

  describe(probe: Probe): string {
    try {
      return this.deps.probeDriver(probe.type).describe(probe);
    } catch {
      return probe.type;
    }
  }

  /** Captures each probe's baseline once, just before the first injection. */
  async captureBaselines(probes: readonly Probe[]): Promise<void> {
    for (const probe of probes) {
      const driver = this.deps.probeDriver(probe.type);
      const key = probeKey(probe);
      if (!driver.baseline || this.context.baselines.has(key)) continue;
      this.context.baselines.set(key, await driver.baseline(this.context, probe));
    }
  }
}
