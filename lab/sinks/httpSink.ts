import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { MailRecord } from "./smtpSink.js";
import type { JsonlRecorder } from "./recorder.js";

export interface WebhookRecord {
  time: string;
  path: string;
  /** Parsed JSON when the body is JSON (Alertmanager's webhook and Slack payloads), else text. */
  body: unknown;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error("body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const data = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(data) });
  res.end(data);
}

/** `since` (ISO time or epoch ms) lets a test look only at what happened after it began. */
function sinceFilter(url: URL): (time: string) => boolean {
  const since = url.searchParams.get("since");
  if (since === null) return () => true;
  const ms = /^\d+$/.test(since) ? Number(since) : Date.parse(since);
  return (time) => Number.isNaN(ms) || Date.parse(time) >= ms;
}

/**
 * POST anywhere: recorded as a webhook call. GET /api/records[?path=&since=] and
 * GET /api/mail[?since=] answer {"count","records"}; GET /healthz answers ok.
 */
export function createHttpSink(webhooks: JsonlRecorder<WebhookRecord>, mail: JsonlRecorder<MailRecord>): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sink");
    if (req.method === "POST") {
      readBody(req)
        .then((text) => {
          webhooks.add({ time: new Date().toISOString(), path: url.pathname, body: parseBody(text) });
          sendJson(res, 200, { ok: true });
        })
        .catch((err: unknown) => sendJson(res, 400, { error: String(err) }));
      return;
    }
    if (req.method !== "GET") return sendJson(res, 405, { error: "GET or POST" });
    const since = sinceFilter(url);
    if (url.pathname === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (url.pathname === "/api/records") {
      const path = url.searchParams.get("path");
      const records = webhooks.query((r) => (path === null || r.path === path) && since(r.time));
      return sendJson(res, 200, { count: records.length, records });
    }
    if (url.pathname === "/api/mail") {
      const records = mail.query((r) => since(r.time));
      return sendJson(res, 200, { count: records.length, records });
    }
    return sendJson(res, 404, { error: "not found" });
  });
}
