import type { Experiment } from "../model/experimentSchema";
import type { ProbeEvaluator } from "./ProbeEvaluator";
import type { RunRecorder } from "./RunRecorder";

/**
 * An expected alert that already fires before injection would be "met" at the first poll:
 * the time to detect would measure nothing and the experiment would pass whether or not the
 * fault is detected. So the steady state does not hold, and nothing is injected. Returns
 * one finding per such alert (empty when injection may go ahead).
 */
export async function alertsAlreadyActive(experiment: Experiment, evaluator: ProbeEvaluator, recorder: RunRecorder, at: number): Promise<string[]> {
  const findings: string[] = [];
  for (const e of experiment.expectations) {
    if (e.probe.type !== "alert" || e.probe.state !== "firing") continue;
    const result = await evaluator.evaluate(e.probe);
    recorder.sample("steady-state-before", `${e.name} (not yet firing)`, at, { ...result, ok: !result.ok });
    if (result.ok) {
      findings.push(
        `alert ${e.probe.alertname} is already firing before injection: time to detect would be meaningless (wait for it to resolve or silence it)`,
      );
    }
  }
  return findings;
}
