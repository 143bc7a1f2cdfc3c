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
 * The lab is shared: a previous CT-01 (ours or another test's) may have the dashboard down
 * or restarting. Resolves once it answers and Prometheus' last scrape of it succeeded.
 */
export async function dashboardScraped(): Promise<void> {
  const query = `http://127.0.0.1:9090/api/v1/query?query=${encodeURIComponent('up{job="tapo-camera-mcp-system"}')}`;
  const answering = async () => {
    const [status, up] = await Promise.all([
      fetch("http://127.0.0.1:7777/api/status", { signal: AbortSignal.timeout(2000) }).then((r) => r.ok),
      fetch(query, { signal: AbortSignal.timeout(2000) }).then(async (r) => /"value":\[[\d.]+,"1"\]/.test(await r.text())),
    ]);
    return status && up ? true : undefined;
  };
  await eventually("the lab dashboard answering and scraped (90 s)", () => answering().catch(() => undefined), 90_000);
}

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
