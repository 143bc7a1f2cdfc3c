/** One RTSP/1.0 response: status line, headers (names lower-cased, repeats kept), body. */
export interface RtspResponse {
  version: string;
  status: number;
  reason: string;
  headers: Record<string, string[]>;
  body: string;
}

export class RtspProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RtspProtocolError";
  }
}

export function header(res: RtspResponse, name: string): string | undefined {
  return res.headers[name.toLowerCase()]?.[0];
}

/**
 * Parses the first complete response in `buffer` (latin1 text, as bytes arrive). Returns
 * undefined while the head or the Content-Length body is still incomplete, and the number of
 * characters consumed so interleaved data after it is left alone.
 */
export function parseRtspResponse(buffer: string): { response: RtspResponse; consumed: number } | undefined {
  // Fail on the first bytes of something else (an HTTP server on the port), not at the timeout.
  if (!"RTSP/".startsWith(buffer.slice(0, 5))) throw new RtspProtocolError(`not an RTSP answer: ${JSON.stringify(buffer.slice(0, 40))}`);
  const headEnd = buffer.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const [statusLine = "", ...headerLines] = buffer.slice(0, headEnd).split("\r\n");
  const m = /^(RTSP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(statusLine);
  if (m === null) throw new RtspProtocolError(`not an RTSP status line: ${JSON.stringify(statusLine.slice(0, 60))}`);
  const headers: Record<string, string[]> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  const length = Number(headers["content-length"]?.[0] ?? "0");
  if (!Number.isInteger(length) || length < 0) throw new RtspProtocolError(`bad Content-Length ${headers["content-length"]?.[0] ?? ""}`);
  const bodyStart = headEnd + 4;
  if (buffer.length < bodyStart + length) return undefined;
  return {
    response: { version: m[1] ?? "RTSP/1.0", status: Number(m[2]), reason: m[3] ?? "", headers, body: buffer.slice(bodyStart, bodyStart + length) },
    consumed: bodyStart + length,
  };
}
