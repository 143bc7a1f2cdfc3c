import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { connect, createServer, type AddressInfo, type Server } from "node:net";
import { after, before, test } from "node:test";
import { TCP_DELAY_PROXY_SCRIPT } from "../../../src/engine/faults/tcpDelayProxyScript";

/**
 * The delay proxy's own script, run as the target runs it (`node -e`), on 127.0.0.1 without
 * the NAT redirect: with jitter as large as the delay, every byte and the end still arrive
 * in the order upstream sent them. (How long it holds them is checked against the real NAT
 * redirect in test/integration/faults-network/networkShaping.test.ts.)
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
  const probe = createServer();
  proxyPort = await listen(probe);
  await new Promise((r) => probe.close(r));
  proxy = spawn(process.execPath, ["-e", TCP_DELAY_PROXY_SCRIPT, "127.0.0.1", String(proxyPort), "127.0.0.1", String(upstreamPort), "40", "39", "-"], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    if (await canConnect(proxyPort)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the proxy did not listen");
});

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
