/**
 * Promtail stand-in for the demo lab (Promtail is not packaged for Debian and not on npm).
 * Usage: tsx lab/shipper/main.ts --config lab/.state/shipper/promtail.yaml
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { FileTailer } from "./fileTailer.js";
import { levelOf } from "./levelLabel.js";
import { LokiClient } from "./lokiClient.js";
import { loadPositions, savePositions } from "./positionsFile.js";
import { ShipperConfig } from "./shipperConfig.js";
import { shipperMetrics, type ReadCounters } from "./shipperMetrics.js";

/** Readers pause above this many unsent entries, as Promtail's blocking client channel makes them. */
const MAX_QUEUED = 10_000;
const READ_CHUNK_BYTES = 256 * 1024;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: "string" } } });
  if (!values.config) throw new Error("usage: main.ts --config FILE");
  const config = ShipperConfig.parse(parseYaml(await readFile(values.config, "utf8")));
  const startedAt = Date.now();

  const client = new LokiClient({
    url: config.client.url,
    batchWaitMs: config.client.batchwait,
    batchBytes: config.client.batchsize,
    minBackoffMs: config.client.backoff_config.min_period,
    maxBackoffMs: config.client.backoff_config.max_period,
    maxRetries: config.client.backoff_config.max_retries,
    timeoutMs: config.client.timeout,
  });
  const positions = await loadPositions(config.positions.filename);
  const targets = config.scrape_configs.map((sc) => ({ sc, tailer: new FileTailer(sc.path, positions[sc.path]) }));
  const tailers = targets.map((t) => t.tailer);
  const read: ReadCounters = { lines: new Map(), bytes: new Map() };

  let polling = false;
  const poll = async (): Promise<void> => {
    if (polling) return;
    polling = true;
    try {
      for (const { sc, tailer } of targets) {
        if (client.queued >= MAX_QUEUED) break;
        const { lines, bytes } = await tailer.poll(READ_CHUNK_BYTES);
        read.lines.set(sc.path, (read.lines.get(sc.path) ?? 0) + lines.length);
        read.bytes.set(sc.path, (read.bytes.get(sc.path) ?? 0) + bytes);
        for (const line of lines) {
          const level = sc.extract_level ? levelOf(line) : undefined;
          client.enqueue(level ? { ...sc.labels, level } : sc.labels, line);
        }
      }
    } finally {
      polling = false;
    }
  };
  const savePos = (): Promise<void> => savePositions(config.positions.filename, Object.fromEntries(tailers.map((t) => [t.path, t.position])));

  const pollTimer = setInterval(() => void poll().catch((e: unknown) => console.error(`shipper: read failed: ${(e as Error).message}`)), config.poll_interval);
  const syncTimer = setInterval(() => void savePos().catch(() => undefined), config.positions.sync_period);
  client.start();

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://shipper").pathname;
    if (path === "/ready") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("Ready\n");
    } else if (path === "/metrics") {
      res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" }).end(shipperMetrics(client, tailers, read, startedAt));
    } else {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("404 page not found\n");
    }
  });
  server.listen(config.server.http_listen_port, config.server.http_listen_address, () => {
    console.log(`promtail-standin listening on ${config.server.http_listen_address}:${config.server.http_listen_port}, pushing to ${config.client.url}`);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      clearInterval(pollTimer);
      clearInterval(syncTimer);
      server.closeAllConnections();
      server.close();
      // Save where reading stopped; unsent entries are lost, as with Promtail on shutdown.
      void Promise.allSettled([savePos(), client.stop()]).then(() => process.exit(0));
    });
  }
}

main().catch((e: unknown) => {
  console.error(`shipper: ${(e as Error).message}`);
  process.exit(1);
});
