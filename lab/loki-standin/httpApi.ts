import type { IncomingMessage, ServerResponse } from "node:http";
import { statfs } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { ChunkWriteError, type ChunkStore } from "./chunkStore.js";
import { streamKey, type LogEntry, type LogIndex } from "./logIndex.js";
import { LogqlParseError, parseLogql } from "./logqlParser.js";
import { evaluateLogQuery, evaluateMatrix, evaluateVector, type Direction } from "./logqlEval.js";
import { processFamilies, renderMetrics, type MetricFamily } from "./promText.js";
import { PushBody } from "./pushSchema.js";
import { BadParamError, nowNs, parseStepMs, parseTimeNs } from "./timeParams.js";

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MAX_POINTS = 11_000;
/** auth_enabled: false in the real stack, so every entry belongs to Loki's "fake" tenant. */
const TENANT = "fake";

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Counters {
  linesReceived: number;
  bytesReceived: number;
  storedBytes: number;
  flushFailures: number;
  failuresByReason: Map<string, number>;
  requests: Map<string, { count: number; sum: number }>;
}

/** The stand-in's HTTP surface: the Loki endpoints the lab's clients call, in Loki's formats. */
export function createLokiHandler(index: LogIndex, chunks: ChunkStore): (req: IncomingMessage, res: ServerResponse) => void {
  const startedAt = Date.now();
  const c: Counters = { linesReceived: 0, bytesReceived: 0, storedBytes: 0, flushFailures: 0, failuresByReason: new Map(), requests: new Map() };

  async function route(req: IncomingMessage, url: URL): Promise<{ status: number; type: string; body: string; route: string }> {
    const path = url.pathname;
    if (path === "/ready") return { status: 200, type: "text/plain", body: "ready\n", route: "ready" };
    if (path === "/metrics") return { status: 200, type: "text/plain; version=0.0.4", body: await metrics(), route: "metrics" };
    if (path === "/loki/api/v1/push") {
      if (req.method !== "POST") throw new HttpError(405, "method not allowed");
      await push(req);
      return { status: 204, type: "text/plain", body: "", route: "loki_api_v1_push" };
    }
    if (path === "/loki/api/v1/query_range") return json("loki_api_v1_query_range", queryRange(url.searchParams));
    if (path === "/loki/api/v1/query") return json("loki_api_v1_query", queryInstant(url.searchParams));
    if (path === "/loki/api/v1/labels") return json("loki_api_v1_labels", { status: "success", data: index.labelNames() });
    const values = /^\/loki\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
    if (values) {
      return json("loki_api_v1_label_name_values", { status: "success", data: index.labelValues(decodeURIComponent(values[1]!)) });
    }
    throw new HttpError(404, "404 page not found");
  }

  function json(routeName: string, body: unknown): { status: number; type: string; body: string; route: string } {
    return { status: 200, type: "application/json; charset=UTF-8", body: JSON.stringify(body), route: routeName };
  }

  async function push(req: IncomingMessage): Promise<void> {
    const type = req.headers["content-type"] ?? "application/json";
    if (!type.startsWith("application/json")) {
      throw new HttpError(415, `unsupported Content-Type ${type}: the Loki stand-in accepts JSON pushes only (no protobuf/snappy)`);
    }
    let raw = await readBody(req);
    if (req.headers["content-encoding"] === "gzip") {
      try {
        raw = gunzipSync(raw);
      } catch {
        throw new HttpError(400, "error decompressing gzip body");
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString("utf8"));
    } catch (e) {
      throw new HttpError(400, `loghttp.PushRequest.Streams: ${(e as Error).message}`);
    }
    const body = PushBody.safeParse(parsed);
    if (!body.success) throw new HttpError(400, `invalid push request: ${body.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    const batches = body.data.streams.map((s) => {
      if (Object.keys(s.stream).length === 0) throw new HttpError(400, "error at least one label pair is required per stream");
      const entries: LogEntry[] = s.values.map((v) => ({ ns: BigInt(v[0]), line: v[1] }));
      return { labels: s.stream, entries };
    });
    for (const b of batches) {
      c.linesReceived += b.entries.length;
      c.bytesReceived += b.entries.reduce((n, e) => n + Buffer.byteLength(e.line), 0);
    }
    // Durable first: a push is acknowledged only once every stream's chunk write succeeded.
    for (const b of batches) {
      if (b.entries.length === 0) continue;
      try {
        c.storedBytes += await chunks.append(streamKey(b.labels), b.entries);
      } catch (e) {
        if (!(e instanceof ChunkWriteError)) throw e;
        c.flushFailures++;
        c.failuresByReason.set(e.reason, (c.failuresByReason.get(e.reason) ?? 0) + 1);
        throw new HttpError(500, e.message);
      }
    }
    for (const b of batches) if (b.entries.length > 0) index.append(b.labels, b.entries);
  }

  function queryRange(params: URLSearchParams): unknown {
    const query = required(params, "query");
    const endNs = parseTimeNs(params.get("end"), nowNs());
    const startNs = parseTimeNs(params.get("start"), endNs - 3_600_000_000_000n);
    if (endNs < startNs) throw new BadParamError("end timestamp must not be before or equal to start time");
    const parsed = parseLogql(query);
    if (parsed.kind === "log") {
      const result = evaluateLogQuery(index, parsed, { startNs, endNs, limit: limitParam(params), direction: directionParam(params) });
      return { status: "success", data: { resultType: "streams", result } };
    }
    const startMs = Number(startNs / 1_000_000n);
    const endMs = Number(endNs / 1_000_000n);
    const stepMs = parseStepMs(params.get("step"), endMs - startMs);
    if ((endMs - startMs) / stepMs > MAX_POINTS) {
      throw new BadParamError("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
    }
    return { status: "success", data: { resultType: "matrix", result: evaluateMatrix(index, parsed, { startMs, endMs, stepMs }) } };
  }

  function queryInstant(params: URLSearchParams): unknown {
    const query = required(params, "query");
    const timeNs = parseTimeNs(params.get("time"), nowNs());
    const parsed = parseLogql(query);
    if (parsed.kind === "log") {
      // An instant log query looks back over Loki's default one-hour window.
      const result = evaluateLogQuery(index, parsed, {
        startNs: timeNs - 3_600_000_000_000n,
        endNs: timeNs + 1n,
        limit: limitParam(params),
        direction: directionParam(params),
      });
      return { status: "success", data: { resultType: "streams", result } };
    }
    return { status: "success", data: { resultType: "vector", result: evaluateVector(index, parsed, Number(timeNs / 1_000_000n)) } };
  }

  async function metrics(): Promise<string> {
    let fsFree = NaN;
    let fsSize = NaN;
    try {
      const s = await statfs(chunks.dir);
      fsFree = s.bavail * s.bsize;
      fsSize = s.blocks * s.bsize;
    } catch {
      // Directory gone or blocked: report NaN rather than a made-up number.
    }
    const tenant = { tenant: TENANT };
    const families: MetricFamily[] = [
      { name: "loki_standin_info", help: "Always 1: this is the lab's Loki stand-in, not Grafana Loki.", type: "gauge", samples: [{ value: 1 }] },
      { name: "loki_distributor_lines_received_total", help: "Log lines received by the distributor.", type: "counter", samples: [{ labels: tenant, value: c.linesReceived }] },
      { name: "loki_distributor_bytes_received_total", help: "Log line bytes received by the distributor.", type: "counter", samples: [{ labels: tenant, value: c.bytesReceived }] },
      { name: "loki_ingester_chunk_stored_bytes_total", help: "Bytes written to chunk files.", type: "counter", samples: [{ labels: tenant, value: c.storedBytes }] },
      { name: "loki_ingester_chunks_flush_failures_total", help: "Chunk writes that failed (disk full, blocked directory, byte cap).", type: "counter", samples: [{ value: c.flushFailures }] },
      {
        name: "loki_standin_chunk_write_failures_total",
        help: "Failed chunk writes by reason (no_space, permission_denied, read_only, byte_cap, other).",
        type: "counter",
        samples: [...c.failuresByReason].map(([reason, value]) => ({ labels: { reason }, value })),
      },
      { name: "loki_ingester_memory_streams", help: "Streams held in the in-memory index.", type: "gauge", samples: [{ labels: tenant, value: index.streamCount }] },
      { name: "loki_standin_index_entries", help: "Entries held in the bounded in-memory index.", type: "gauge", samples: [{ value: index.entryCount }] },
      { name: "loki_standin_chunk_dir_free_bytes", help: "Free bytes on the chunk directory's filesystem.", type: "gauge", samples: [{ value: fsFree }] },
      { name: "loki_standin_chunk_dir_size_bytes", help: "Size of the chunk directory's filesystem.", type: "gauge", samples: [{ value: fsSize }] },
      { name: "loki_standin_chunk_cap_bytes", help: "Byte cap on the chunk directory (0 when the filesystem itself is the limit).", type: "gauge", samples: [{ value: chunks.capBytes }] },
      {
        name: "loki_request_duration_seconds",
        help: "Time (in seconds) spent serving HTTP requests.",
        type: "summary",
        samples: [...c.requests].flatMap(([key, v]) => {
          const [method, routeName, status_code] = key.split(" ") as [string, string, string];
          const labels = { method, route: routeName, status_code };
          return [
            { name: "loki_request_duration_seconds_sum", labels, value: v.sum },
            { name: "loki_request_duration_seconds_count", labels, value: v.count },
          ];
        }),
      },
      ...processFamilies(startedAt),
    ];
    return renderMetrics(families);
  }

  function observe(method: string, routeName: string, status: number, seconds: number): void {
    const key = `${method} ${routeName} ${status}`;
    const r = c.requests.get(key) ?? { count: 0, sum: 0 };
    r.count++;
    r.sum += seconds;
    c.requests.set(key, r);
  }

  return (req, res) => {
    const t0 = process.hrtime.bigint();
    const url = new URL(req.url ?? "/", "http://loki-standin");
    const finish = (status: number, type: string, body: string, routeName: string): void => {
      observe(req.method ?? "GET", routeName, status, Number(process.hrtime.bigint() - t0) / 1e9);
      res.writeHead(status, { "Content-Type": type });
      res.end(status === 204 ? undefined : body);
    };
    route(req, url).then(
      (r) => finish(r.status, r.type, r.body, r.route),
      (e: unknown) => {
        const status = e instanceof HttpError ? e.status : e instanceof LogqlParseError || e instanceof BadParamError ? 400 : 500;
        const routeName = url.pathname.replace(/^\//, "").replace(/[^a-zA-Z0-9]+/g, "_") || "root";
        finish(status, "text/plain; charset=utf-8", `${(e as Error).message}\n`, status === 404 ? "other" : routeName);
      },
    );
  };
}

function required(params: URLSearchParams, name: string): string {
  const v = params.get(name);
  if (!v) throw new BadParamError(`missing ${name} parameter`);
  return v;
}

function limitParam(params: URLSearchParams): number {
  const raw = params.get("limit");
  if (raw === null) return 100;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new BadParamError("limit must be a positive value");
  return n;
}

function directionParam(params: URLSearchParams): Direction {
  const d = (params.get("direction") ?? "backward").toLowerCase();
  if (d !== "backward" && d !== "forward") throw new BadParamError(`invalid direction "${d}"`);
  return d;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body too large: limit ${MAX_BODY_BYTES} bytes`);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
