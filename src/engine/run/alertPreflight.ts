import { errorMessage } from "../errors";
import { durationMs, formatMs } from "../model/duration";
import type { Experiment } from "../model/experimentSchema";
import type { Inventory } from "../model/inventorySchema";
import type { AlertRuleCatalog, RunDeps } from "./RunDeps";

/**
 * An expected alert can only happen if Prometheus has a rule for it, and only in time if
 * the rule's `for:`, plus one evaluation interval and one scrape interval (the worst case
 * for the condition to be seen and evaluated), fits inside the expectation's `within`.
 */
export async function checkAlertExpectations(experiment: Experiment, inventory: Inventory, deps: RunDeps, signal: AbortSignal): Promise<string[]> {
  const expected = experiment.expectations.flatMap((e) =>
    e.probe.type === "alert" && e.probe.state !== "inactive" ? [{ name: e.name, within: durationMs(e.within), probe: e.probe }] : [],
  );
  if (expected.length === 0) return [];
  let catalog: AlertRuleCatalog;
  try {
    catalog = await deps.loadAlertRules(inventory, deps.secrets, signal);
  } catch (e) {
    return [`cannot check that the expected alerts can fire: ${errorMessage(e)}`];
  }
  const reasons: string[] = [];
  for (const { name, within, probe } of expected) {
    const rule = catalog.rules.find((r) => r.name === probe.alertname);
    if (!rule) {
      const loaded = [...new Set(catalog.rules.map((r) => r.name))].sort();
      reasons.push(
        `expectation "${name}": no alerting rule named ${probe.alertname} is loaded in Prometheus at ${catalog.source}` +
          ` (loaded: ${loaded.length > 0 ? loaded.join(", ") : "none"})`,
      );
      continue;
    }
    const forMs = probe.state === "pending" ? 0 : rule.forMs;
    const needed = forMs + rule.evaluationIntervalMs + catalog.scrapeIntervalMs;
    if (needed > within) {
      reasons.push(
        `expectation "${name}": alert ${probe.alertname} cannot be ${probe.state} within ${formatMs(within)}: it needs up to ${formatMs(needed)}` +
          ` (for: ${formatMs(forMs)} + evaluation interval ${formatMs(rule.evaluationIntervalMs)} + scrape interval ${formatMs(catalog.scrapeIntervalMs)})`,
      );
    }
  }
  return reasons;
}
