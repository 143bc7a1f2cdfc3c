import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { labPaths, repoRoot } from "../../../lab/paths.js";
import { readPidFile } from "../../../lab/process/pidFiles.js";

export const paths = labPaths(repoRoot());
export const dashboardPidFile = join(paths.run, "tapo-camera-mcp.pid");
export const dashboardHoldFile = join(paths.holds, "tapo-camera-mcp.stopped");

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns a value (not undefined) or fails with `what` after timeoutMs. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

export async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as unknown;
}

export const dashboardPid = () => readPidFile(dashboardPidFile);

/**
 * A minimal RTSP server answering OPTIONS and DESCRIBE, standing in for a lab camera so the
 * dashboard's online/offline path can be tested without the GStreamer cameras.
 */
export async function startFakeRtsp(port = 0): Promise<{ server: Server; port: number }> {
  const sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=lab\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=x-dimensions:1280,720\r\n";
  const server = createServer((socket) => {
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      let end: number;
      while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
        const head = buffer.slice(0, end);
        buffer = buffer.slice(end + 4);
        const cseq = /CSeq:\s*(\d+)/i.exec(head)?.[1] ?? "0";
        if (head.startsWith("DESCRIBE")) {
          socket.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\nContent-Type: application/sdp\r\nContent-Length: ${sdp.length}\r\n\r\n${sdp}`);
        } else {
          socket.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n`);
        }
      }
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { server, port: address.port };
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Open camera connections would keep close() waiting: the dashboard reconnects anyway.
    server.unref();
    setTimeout(resolve, 500).unref();
  });
}
