import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { authorization, parseChallenge, pickChallenge } from "../../../src/engine/clients/rtspAuth";
import { rtspCheck, sanitizeRtspUrl } from "../../../src/engine/clients/rtspClient";
import { parseRtspResponse } from "../../../src/engine/clients/rtspResponse";
import { closedPort } from "./fakeHttpServer";

const SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=tapo\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";

describe("parseRtspResponse", () => {
  it("waits for the head and the Content-Length body, then reads both", () => {
    const full = `RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Length: ${SDP.length}\r\n\r\n${SDP}`;
    assert.equal(parseRtspResponse(full.slice(0, 20)), undefined);
    assert.equal(parseRtspResponse(full.slice(0, full.length - 3)), undefined);
    const parsed = parseRtspResponse(`${full}$\x00`);
    assert.equal(parsed?.response.status, 200);
    assert.equal(parsed?.response.body, SDP);
    assert.equal(parsed?.consumed, full.length);
    assert.deepEqual(parsed?.response.headers.cseq, ["2"]);
  });

  it("keeps repeated WWW-Authenticate headers", () => {
    const r = parseRtspResponse('RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm="IP Camera", nonce="abc"\r\nWWW-Authenticate: Basic realm="IP Camera"\r\n\r\n');
    assert.equal(r?.response.headers["www-authenticate"]?.length, 2);
    assert.equal(pickChallenge(r!.response.headers["www-authenticate"]!)?.scheme, "digest");
  });

  it("refuses what is not RTSP at the first bytes", () => {
    assert.throws(() => parseRtspResponse("HTTP/1.1 400 Bad Request\r\n"), /not an RTSP answer/);
    assert.throws(() => parseRtspResponse("RTSP/1.0 abc\r\n\r\n"), /not an RTSP status line/);
  });
});

describe("RTSP auth", () => {
  it("computes RFC 2617's digest example", () => {
    const c = parseChallenge('Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"')!;
    const header = authorization(c, { username: "Mufasa", password: "Circle Of Life" }, "GET", "/dir/index.html", "0a4f113b");
    assert.match(header, /response="6629fae49393a05397450978507c4ef1"/);
    assert.match(header, /qop=auth, nc=00000001, cnonce="0a4f113b"/);
  });

  it("answers a challenge without qop the RTSP way, and Basic as base64", () => {
    const digest = authorization({ scheme: "digest", params: { realm: "r", nonce: "n" } }, { username: "u", password: "p" }, "DESCRIBE", "rtsp://h/s");
    assert.doesNotMatch(digest, /qop/);
    assert.equal(authorization({ scheme: "basic", params: {} }, { username: "u", password: "p" }, "DESCRIBE", "x"), "Basic dTpw");
  });

  it("strips credentials from URLs", () => {
    assert.equal(sanitizeRtspUrl("rtsp://admin:pw@127.0.0.1:8554/stream1").toString(), "rtsp://127.0.0.1:8554/stream1");
    assert.throws(() => sanitizeRtspUrl("http://x/"), /not an RTSP URL/);
  });
});

/** A fake camera: answers OPTIONS, and DESCRIBE (after Digest auth when `password` is set). */
function fakeCamera(options: { password?: string; silent?: boolean }): Server {
  return createServer((socket: Socket) => {
    let buf = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      buf += chunk;
      let end: number;
      while ((end = buf.indexOf("\r\n\r\n")) >= 0) {
        const req = buf.slice(0, end);
        buf = buf.slice(end + 4);
        if (options.silent === true) continue;
        const cseq = /CSeq: (\d+)/.exec(req)?.[1] ?? "0";
        if (req.startsWith("OPTIONS")) socket.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n`);
        else if (options.password !== undefined && !/Authorization: Digest .*username="admin"/.test(req)) {
          socket.write(`RTSP/1.0 401 Unauthorized\r\nCSeq: ${cseq}\r\nWWW-Authenticate: Digest realm="Tapo", nonce="1234"\r\n\r\n`);
        } else socket.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\nServer: fake\r\nContent-Length: ${SDP.length}\r\n\r\n${SDP}`);
      }
    });
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

describe("rtspCheck against a fake camera", () => {
  const open = fakeCamera({});
  const locked = fakeCamera({ password: "pw" });
  const silent = fakeCamera({ silent: true });
  const ports: number[] = [];
  before(async () => {
    for (const s of [open, locked, silent]) ports.push(await listen(s));
  });
  after(() => {
    for (const s of [open, locked, silent]) s.close();
  });

  it("measures the OPTIONS + DESCRIBE round trip", async () => {
    const r = await rtspCheck(`rtsp://127.0.0.1:${ports[0]}/stream1`, { timeoutMs: 2000 });
    assert.equal(r.status, 200);
    assert.equal(r.sdp, SDP);
    assert.equal(r.server, "fake");
    assert.ok(r.roundTripMs >= 0 && r.roundTripMs < 2000);
  });

  it("reports 401 as auth required without credentials, and authenticates once with them", async () => {
    const url = `rtsp://127.0.0.1:${ports[1]}/stream1`;
    const bare = await rtspCheck(url, { timeoutMs: 2000 });
    assert.deepEqual([bare.status, bare.authRequired], [401, true]);
    const authed = await rtspCheck(url, { timeoutMs: 2000, credentials: { username: "admin", password: "pw" } });
    assert.deepEqual([authed.status, authed.authenticated], [200, true]);
  });

  it("times out naming the step, and words a refused port", async () => {
    await assert.rejects(rtspCheck(`rtsp://127.0.0.1:${ports[2]}/stream1`, { timeoutMs: 300 }), /timed out after 300 ms during OPTIONS/);
    const port = await closedPort();
    await assert.rejects(rtspCheck(`rtsp://127.0.0.1:${port}/stream1`, { timeoutMs: 1000 }), /connect failed: ECONNREFUSED/);
  });
});
