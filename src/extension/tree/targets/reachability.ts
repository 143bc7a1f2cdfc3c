import { connect } from "node:net";
import type { Camera, Service, TransportSpec } from "../../../engine/model/inventorySchema";

export type Reachability = { state: "reachable"; ms: number } | { state: "unreachable"; reason: string } | { state: "local" } | { state: "unknown" };

/** Where a TCP (or unix socket) connect tells whether something answers, without speaking its protocol. */
export type Endpoint = { host: string; port: number } | { socket: string };

export function targetEndpoint(t: TransportSpec): Endpoint | undefined {
  if (t.type === "ssh") return { host: t.host, port: t.port };
  if (t.type === "docker") {
    if (t.endpoint.startsWith("unix://")) return { socket: t.endpoint.slice("unix://".length) };
    const url = safeUrl(t.endpoint);
    if (url && url.protocol === "tcp:") return { host: url.hostname, port: Number(url.port || 2375) };
    if (url && url.protocol === "ssh:") return { host: url.hostname, port: Number(url.port || 22) };
  }
  return undefined;
}

export function cameraEndpoint(c: Camera): Endpoint | undefined {
  const url = safeUrl(c.rtsp);
  return url ? { host: url.hostname, port: Number(url.port || (url.protocol === "rtsps:" ? 322 : 554)) } : undefined;
}

export function serviceEndpoint(s: Service): Endpoint | undefined {
  const url = safeUrl(s.url);
  return url ? { host: url.hostname, port: Number(url.port || (url.protocol === "https:" ? 443 : 80)) } : undefined;
}

/** One connect attempt, bounded in time; never rejects. */
export function checkEndpoint(endpoint: Endpoint, timeoutMs = 1500): Promise<Reachability> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = "socket" in endpoint ? connect({ path: endpoint.socket }) : connect({ host: endpoint.host, port: endpoint.port });
    const done = (r: Reachability) => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(timeoutMs, () => done({ state: "unreachable", reason: `no answer within ${timeoutMs} ms` }));
    socket.once("connect", () => done({ state: "reachable", ms: Date.now() - started }));
    socket.once("error", (e: NodeJS.ErrnoException) => done({ state: "unreachable", reason: e.code ?? e.message }));
  });
}

function safeUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}
