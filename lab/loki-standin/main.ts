/**
 * Loki stand-in for the demo lab (Grafana Loki is not packaged for Debian and not on npm).
 * Usage: tsx lab/loki-standin/main.ts --listen 127.0.0.1:3100 --data DIR [--cap-bytes N]
 *        [--max-entries N] [--retention-seconds N]
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import * as z from "zod";
import { ChunkStore } from "./chunkStore.js";
import { createLokiHandler } from "./httpApi.js";
import { LogIndex } from "./logIndex.js";

const Options = z.object({
  listen: z.string().regex(/^127\.\d+\.\d+\.\d+:\d+$/, "the lab binds loopback only").default("127.0.0.1:3100"),
  data: z.string().min(1),
  "cap-bytes": z.coerce.number().int().nonnegative().default(0),
  "max-entries": z.coerce.number().int().positive().default(200_000),
  "retention-seconds": z.coerce.number().int().positive().default(3600),
});

const { values } = parseArgs({
  options: {
    listen: { type: "string" },
    data: { type: "string" },
    "cap-bytes": { type: "string" },
    "max-entries": { type: "string" },
    "retention-seconds": { type: "string" },
  },
});
const opts = Options.parse(values);
const [host, port] = opts.listen.split(":") as [string, string];

// No top-level await: the repo's .ts files load as CommonJS under tsx.
async function main(): Promise<void> {
  const chunks = new ChunkStore(opts.data, opts["cap-bytes"]);
  await chunks.init();
  const index = new LogIndex(opts["max-entries"]);
  const server = createServer(createLokiHandler(index, chunks));
  const prune = setInterval(() => void chunks.prune(opts["retention-seconds"] * 1000), 30_000);

  server.listen(Number(port), host, () => {
    console.log(`loki-standin listening on ${opts.listen}, chunks in ${opts.data}${opts["cap-bytes"] ? `, cap ${opts["cap-bytes"]} bytes` : ""}`);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      clearInterval(prune);
      server.close(() => process.exit(0));
      // Keep-alive clients must not hold the lab's shutdown hostage.
      server.closeAllConnections();
    });
  }
}

main().catch((e: unknown) => {
  console.error(`loki-standin: ${(e as Error).message}`);
  process.exit(1);
});
