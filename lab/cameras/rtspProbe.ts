import { connect } from "node:net";

export interface RtspProbeResult {
  ok: boolean;
  /** Status line codes of OPTIONS and DESCRIBE, when they came. */
  optionsStatus?: number;
  describeStatus?: number;
  /** SDP body of DESCRIBE (names the codec: "a=rtpmap:96 H264/90000"). */
  sdp?: string;
  elapsedMs: number;
  error?: string;
}

/**
 * A real RTSP round trip, what a camera check in the dashboard does: OPTIONS, then DESCRIBE
 * on one connection. A frozen (SIGSTOPped) camera still accepts the TCP connection, in the
 * kernel's backlog, but never answers: that shows up here as a timeout.
 */
export function probeRtsp(url: string, timeoutMs = 3000): Promise<RtspProbeResult> {
  const t0 = Date.now();
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 554) });
    let buffer = Buffer.alloc(0);
    const result: RtspProbeResult = { ok: false, elapsedMs: 0 };
    const finish = (error?: string): void => {
      clearTimeout(timer);
      socket.destroy();
      result.elapsedMs = Date.now() - t0;
      if (error) result.error = error;
      result.ok = !error && result.optionsStatus === 200 && result.describeStatus === 200;
      resolve(result);
    };
    const timer = setTimeout(() => finish(`timed out after ${timeoutMs} ms`), timeoutMs);
    const send = (method: string, cseq: number, extra = ""): void => {
      socket.write(`${method} ${url} RTSP/1.0\r\nCSeq: ${cseq}\r\nUser-Agent: surveillance-chaos-lab\r\n${extra}\r\n`);
    };
    socket.on("connect", () => send("OPTIONS", 1));
    socket.on("error", (e) => finish(e.message));
    socket.on("data", (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      const response = takeResponse(buffer);
      if (!response) return;
      buffer = buffer.subarray(response.length);
      if (result.optionsStatus === undefined) {
        result.optionsStatus = response.status;
        if (response.status !== 200) return finish(`OPTIONS answered ${response.status}`);
        send("DESCRIBE", 2, "Accept: application/sdp\r\n");
      } else {
        result.describeStatus = response.status;
        result.sdp = response.body;
        finish(response.status === 200 ? undefined : `DESCRIBE answered ${response.status}`);
      }
    });
  });
}

function takeResponse(buffer: Buffer): { status: number; body: string; length: number } | undefined {
  const headEnd = buffer.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const head = buffer.subarray(0, headEnd).toString("latin1");
  const status = Number(/^RTSP\/1\.0 (\d{3})/.exec(head)?.[1] ?? 0);
  const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
  const total = headEnd + 4 + length;
  if (buffer.length < total) return undefined;
  return { status, body: buffer.subarray(headEnd + 4, total).toString("utf8"), length: total };
}
