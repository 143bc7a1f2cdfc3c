import { parse as parseYaml } from "yaml";
import * as z from "zod";
import { PrometheusClient } from "../clients/prometheusClient";
import { endpointFor } from "../clients/serviceEndpoint";
import { durationMs } from "../model/duration";
import type { LoadAlertRules } from "./RunDeps";

/** Prometheus's defaults when its configuration does not set them. */
const DEFAULT_INTERVAL = "1m";

const GlobalConfigSchema = z.looseObject({
  global: z
    .looseObject({
      scrape_interval: z.string().regex(/^(\d+(ms|s|m|h))+$/).optional(),
      evaluation_interval: z.string().regex(/^(\d+(ms|s|m|h))+$/).optional(),
    })
    .optional(),
});

/** Loaded alerting rules, their groups' evaluation intervals and the global scrape interval, from the inventory's Prometheus. */
export const loadPrometheusAlertRules: LoadAlertRules = async (inventory, secrets, signal) => {
  const endpoint = endpointFor(inventory, "prometheus", "prometheus");
  const client = new PrometheusClient(endpoint, { secrets });
  const [groups, configText] = await Promise.all([client.ruleGroups(signal), client.configYaml(signal)]);
  const config = GlobalConfigSchema.parse(parseYaml(configText) ?? {});
  const evaluationDefault = durationMs(config.global?.evaluation_interval ?? DEFAULT_INTERVAL);
  return {
    source: endpoint.url,
    scrapeIntervalMs: durationMs(config.global?.scrape_interval ?? DEFAULT_INTERVAL),
    rules: groups.flatMap((g) =>
      g.rules
        .filter((r) => r.type === "alerting")
        .map((r) => ({
          name: r.name,
          forMs: Math.round((r.duration ?? 0) * 1000),
          evaluationIntervalMs: g.interval !== undefined ? Math.round(g.interval * 1000) : evaluationDefault,
        })),
    ),
  };
};
