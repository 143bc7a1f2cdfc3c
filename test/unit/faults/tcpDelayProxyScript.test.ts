import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { after, before, test } from "node:test";
import { TCP_DELAY_PROXY_SCRIPT } from "../../../src/engine/faults/tcpDelayProxyScript";

/**
 * The delay proxy's own script, run as the target runs it (`node -e`), on 127.0.0.1 without
 * the NAT redirect: with jitter as large as the delay, every byte and the end still arrive
 * in the order upstream sent them; on SIGTERM it drains without resetting anyone. (How long
 * it holds them is checked against the real NAT redirect in
 * test/integration/faults-network/networkShaping.test.ts.)
 */
const CHUNKS = 40;
let upstream: Server;
let proxy: ChildProcess;
let proxyPort = 0;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

before(async () => {
  // Many small writes then the end, as fast as upstream can: the case where per-chunk timers reorder.
  upstream = createServer((s) => {
    for (let i = 0; i < CHUNKS; i++) s.write(`${i};`);
    s.end("end");
  });
  const upstreamPort = await listen(upstream);
  ({ proxy, port: proxyPort } = await startProxy(upstreamPort, 40, 39));
});

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((r) => probe.close(r));
  return port;
}

async function startProxy(upstreamPort: number, delayMs: number, jitterMs: number, drainMs = 5000): Promise<{ proxy: ChildProcess; port: number }> {
  const port = await freePort();
  const args = ["-e", TCP_DELAY_PROXY_SCRIPT, "127.0.0.1", String(port), "127.0.0.1", String(upstreamPort), String(delayMs), String(jitterMs), "-", String(drainMs), "sc-proxy:unit"];
  const child = spawn(process.execPath, args, { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    if (await canConnect(port)) return { proxy: child, port };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error("the proxy did not listen");
}

after(() => {
  proxy?.kill();
  upstream?.close();
});

function fetchThroughProxy(): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(proxyPort, "127.0.0.1");
    let text = "";
    s.on("data", (b) => (text += b.toString()));
    s.on("end", () => resolve(text));
    s.on("error", reject);
    s.setTimeout(5000, () => reject(new Error("timed out")));
  });
}

test("with jitter as large as the delay, every chunk and the end arrive in order (20 connections at once)", { timeout: 60_000 }, async () => {
  const expected = `${Array.from({ length: CHUNKS }, (_, i) => `${i};`).join("")}end`;
  const answers = await Promise.all(Array.from({ length: 20 }, () => fetchThroughProxy()));
  assert.deepEqual(answers, answers.map(() => expected));
});

/** A keep-alive client of a line protocol: each "ping" gets a "pong"; records how its socket ended. */
class KeepAliveClient {
  readonly socket: Socket;
  received = "";
  ended: Promise<"end" | string>;
  constructor(port: number) {
    this.socket = connect(port, "127.0.0.1");
    this.socket.on("data", (b) => (this.received += b.toString()));
    this.ended = new Promise((resolve) => {
      this.socket.once("end", () => resolve("end"));
      this.socket.once("error", (err) => resolve(err.message));
    });
  }
  async ask(): Promise<void> {
    const before = this.received.length;
    this.socket.write("ping\n");
    while (this.received.length === before) await new Promise((r) => setTimeout(r, 10));
  }
}

test("SIGTERM drains: the answer in flight arrives, then each keep-alive socket gets a FIN, not a reset; no new connection is taken", { timeout: 30_000 }, async () => {
  // Upstream keeps every connection open, as a keep-alive HTTP server does.
  const echo = createServer((s) => s.on("data", () => s.write("pong\n")));
  const echoPort = await listen(echo);
  const { proxy: draining, port } = await startProxy(echoPort, 300, 0);
  try {
    const idle = new KeepAliveClient(port);
    await idle.ask();
    const busy = new KeepAliveClient(port);
    await new Promise((r) => busy.socket.once("connect", r));
    busy.socket.write("ping\n");
    await new Promise((r) => setTimeout(r, 100)); // the proxy holds busy's answer for 300 ms
    const exited = new Promise<number | null>((resolve) => draining.once("exit", resolve));
    const termAt = Date.now();
    draining.kill("SIGTERM");

    assert.equal(await idle.ended, "end", "the idle keep-alive socket is closed with a FIN");
    assert.equal(await busy.ended, "end", "the busy socket is closed with a FIN once its answer is out");
    assert.equal(busy.received, "pong\n", "the answer in flight was delivered");
    assert.equal(await exited, 0);
    const drainedIn = Date.now() - termAt;
    assert.ok(drainedIn < 5000, `exited when the last connection closed (${drainedIn} ms), not at the drain limit`);
    assert.equal(await canConnect(port), false, "the reverted proxy takes no connection");
  } finally {
    draining.kill("SIGKILL");
    echo.close();
  }
});
