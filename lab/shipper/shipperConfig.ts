import * as z from "zod";
import { parseDurationMs } from "../loki-standin/duration.js";

const Duration = z.string().transform((s, ctx) => {
  try {
    return parseDurationMs(s);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
    return z.NEVER;
  }
});

/**
 * The shipper's config file: a subset of Promtail's YAML with Promtail's key names, so the
 * lab's file reads like the promtail.yaml a user has (only one client, static targets).
 */
export const ShipperConfig = z.object({
  server: z.object({
    http_listen_address: z.string().regex(/^127\./, "the lab binds loopback only").default("127.0.0.1"),
    http_listen_port: z.number().int().positive().default(9080),
  }),
  positions: z.object({ filename: z.string().min(1), sync_period: Duration.default(1000) }),
  client: z.object({
    url: z.string().url(),
    batchwait: Duration.default(1000),
    batchsize: z.number().int().positive().default(1024 * 1024),
    backoff_config: z.object({
      min_period: Duration.default(500),
      max_period: Duration.default(300_000),
      max_retries: z.number().int().nonnegative().default(10),
    }),
    timeout: Duration.default(10_000),
  }),
  scrape_configs: z.array(
    z.object({
      job_name: z.string().min(1),
      path: z.string().min(1),
      labels: z.record(z.string(), z.string()),
      /**
       * Stands for Promtail's regex+labels pipeline stages: adds `level` from a JSON line's
       * "level" or from the native " - LEVEL - " format, so `sum by (level)` dashboards work.
       */
      extract_level: z.boolean().default(false),
    }),
  ),
  /** How often files are checked for new lines, truncation and rotation. */
  poll_interval: Duration.default(250),
});
export type ShipperConfig = z.infer<typeof ShipperConfig>;
