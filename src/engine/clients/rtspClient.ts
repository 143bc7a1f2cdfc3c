import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { authorization, pickChallenge, type RtspCredentials } from "./rtspAuth";
import { header, parseRtspResponse, type RtspResponse } from "./rtspResponse";

export interface RtspCheckOptions {
  timeoutMs: number;
  credentials?: RtspCredentials;
  signal?: AbortSignal;
}

export interface RtspCheckResult {
  /** Status of the last DESCRIBE (200 when the stream is described). */
  status: number;
  reason: string;
  /** Connect → last answer, in ms: the camera's RTSP round trip as a client sees it. */
  roundTripMs: number;
  connectMs: number;
  /** A 401 was answered with the given credentials (one attempt only: cameras lock out after a few failures). */
  authenticated: boolean;
  /** True when the camera asked for credentials and none were given. */
  authRequired: boolean;
  server?: string;
  sdp?: string;
}

export class RtspError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`RTSP ${url}: ${reason}`);
    this.name = "RtspError";
  }
}

/** The URL without user info, so nothing secret ever reaches a request line or a message. */
export function sanitizeRtspUrl(raw: string): URL {
  const url = new URL(raw);
  if (url.protocol !== "rtsp:" && url.protocol !== "rtsps:") throw new Error(`not an RTSP URL: ${url.protocol}`);
  url.username = "";
  url.password = "";
  return url;
}

/** Reads responses off a socket one at a time, with a deadline shared by the whole exchange. */
class RtspConnection {
  private buffer = "";
  private waiting: ((err?: Error) => void) | undefined;
  private failure: Error | undefined;

  constructor(private readonly socket: Socket) {
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      this.buffer += chunk;
      this.waiting?.();
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      this.waiting?.(this.failure);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("connection closed by camera")));
  }

  async request(method: string, url: string, cseq: number, extra: Record<string, string> = {}): Promise<RtspResponse> {
    const lines = [`${method} ${url} RTSP/1.0`, `CSeq: ${cseq}`, "User-Agent: surveillance-chaos", ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`)];
    this.socket.write(`${lines.join("\r\n")}\r\n\r\n`);
    for (;;) {
      const parsed = parseRtspResponse(this.buffer);
      if (parsed !== undefined) {
        this.buffer = this.buffer.slice(parsed.consumed);
        return parsed.response;
      }
      if (this.failure !== undefined) throw this.failure;
      await new Promise<void>((resolve, reject) => {
        this.waiting = (err) => {
          this.waiting = undefined;
          if (err === undefined) resolve();
          else reject(err);
        };
      });
    }
  }
}

async function openSocket(url: URL, deadline: Promise<never>): Promise<Socket> {
  const port = Number(url.port || (url.protocol === "rtsps:" ? 322 : 554));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const socket =
    url.protocol === "rtsps:" ? tlsConnect({ host, port, servername: host, rejectUnauthorized: false }) : netConnect({ host, port });
  const connected = new Promise<Socket>((resolve, reject) => {
    socket.once(url.protocol === "rtsps:" ? "secureConnect" : "connect", () => resolve(socket));
    socket.once("error", reject);
  });
  try {
    return await Promise.race([connected, deadline]);
  } catch (err) {
    socket.destroy();
    throw err;
  }
}

/**
 * Our own RTSP check, like the dashboard's: TCP connect, OPTIONS, DESCRIBE (with one
 * authenticated retry when credentials are given), timed from connect to the last answer.
 * Self-signed camera certificates are accepted on rtsps: reachability, not identity, is measured.
 */
export async function rtspCheck(rawUrl: string, options: RtspCheckOptions): Promise<RtspCheckResult> {
  const url = sanitizeRtspUrl(rawUrl);
  const shown = url.toString();
  let step = "connect";
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RtspError(shown, `timed out after ${options.timeoutMs} ms during ${step}`)), options.timeoutMs);
    onAbort = () => reject(new RtspError(shown, "cancelled"));
    if (options.signal?.aborted === true) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
  });
  deadline.catch(() => undefined);
  const started = performance.now();
  let socket: Socket | undefined;
  try {
    socket = await openSocket(url, deadline);
    const connectMs = performance.now() - started;
    const conn = new RtspConnection(socket);
    step = "OPTIONS";
    await Promise.race([conn.request("OPTIONS", shown, 1), deadline]);
    step = "DESCRIBE";
    let res = await Promise.race([conn.request("DESCRIBE", shown, 2, { Accept: "application/sdp" }), deadline]);
    let authenticated = false;
    const challenge = res.status === 401 ? pickChallenge(res.headers["www-authenticate"] ?? []) : undefined;
    if (challenge !== undefined && options.credentials !== undefined) {
      const auth = authorization(challenge, options.credentials, "DESCRIBE", shown);
      res = await Promise.race([conn.request("DESCRIBE", shown, 3, { Accept: "application/sdp", Authorization: auth }), deadline]);
      authenticated = true;
    }
    return {
      status: res.status,
      reason: res.reason,
      roundTripMs: Math.round((performance.now() - started) * 10) / 10,
      connectMs: Math.round(connectMs * 10) / 10,
      authenticated,
      authRequired: res.status === 401 && options.credentials === undefined,
      server: header(res, "server"),
      sdp: res.status === 200 ? res.body : undefined,
    };
  } catch (err) {
    if (err instanceof RtspError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new RtspError(shown, `${step} failed: ${code ?? (err as Error).message}`);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) options.signal?.removeEventListener("abort", onAbort);
    socket?.destroy();
  }
}
