import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { networkBandwidthDriver } from "../../../src/engine/faults/networkBandwidth";
import { networkLatencyDriver } from "../../../src/engine/faults/networkLatency";
import { smtpDelayDriver } from "../../../src/engine/faults/smtpDelay";
import { NetworkBandwidthFaultSchema, NetworkLatencyFaultSchema, SmtpDelayFaultSchema } from "../../../src/engine/model/faultSchemas";
import { createLocalTransport } from "../../../src/engine/transports/localTransport";
import type { Transport } from "../../../src/engine/transports/Transport";
import { faultContext, okServer, ourRules, tryConnect } from "./fixtures/context";

const NS = "sc_test_shape";
const PEER = "sc_test_peer";

function ip(...args: string[]): void {
  const r = spawnSync("ip", args);
  if (r.status !== 0) throw new Error(`ip ${args.join(" ")}: ${r.stderr.toString()}`);
}

/** Runs argv inside our namespace: the local transport with `ip netns exec` in front. */
function nsTransport(): Transport {
  const local = createLocalTransport("ns");
  return { ...local, exec: (argv, o) => local.exec(["ip", "netns", "exec", NS, ...argv], o), hasCommand: local.hasCommand };
}

/** Seconds to push `bytes` from veth-a (our namespace) to veth-b (the peer's), timed by the receiving end. */
function transferSeconds(bytes: number): number {
  const sink = `require("net").createServer((c) => { const t = Date.now(); c.resume(); c.on("end", () => { console.log((Date.now() - t) / 1000); process.exit(0); }); }).listen(5001, "10.99.0.2")`;
  const send = `const s = require("net").connect(5001, "10.99.0.2", () => s.end(Buffer.alloc(${bytes})))`;
  const script = `ip netns exec ${PEER} node -e '${sink}' & sleep 0.5; ip netns exec ${NS} node -e '${send}'; wait`;
  const r = spawnSync("sh", ["-c", script], { timeout: 30_000 });
  return Number(r.stdout.toString().trim());
}

describe("tc shaping on a veth pair in a namespace of our own", { timeout: 90_000 }, () => {
  before(() => {
    for (const ns of [NS, PEER]) {
      spawnSync("ip", ["netns", "del", ns]);
      ip("netns", "add", ns);
      ip("-n", ns, "link", "set", "lo", "up");
    }
    ip("-n", NS, "link", "add", "sc-va", "type", "veth", "peer", "name", "sc-vb", "netns", PEER);
    ip("-n", NS, "addr", "add", "10.99.0.1/24", "dev", "sc-va");
    ip("-n", PEER, "addr", "add", "10.99.0.2/24", "dev", "sc-vb");
    ip("-n", NS, "link", "set", "sc-va", "up");
    ip("-n", PEER, "link", "set", "sc-vb", "up");
  });
  after(() => {
    for (const ns of [NS, PEER]) spawnSync("ip", ["netns", "del", ns]);
  });

  it("limits bandwidth with tbf and removes only its own qdisc", async () => {
    const t = nsTransport();
    const ctx = faultContext(t, { type: "local" }, "sc-test-tbf");
    const fault = NetworkBandwidthFaultSchema.parse({ type: "network-bandwidth", target: "ns", params: { interface: "sc-va", rate: "1mbit" } });
    const base = transferSeconds(256 * 1024);
    const prepared = await networkBandwidthDriver.prepare(ctx, fault);
    await networkBandwidthDriver.inject(ctx, prepared);
    assert.equal(await networkBandwidthDriver.verifyInjected(ctx, prepared), true);
    const limited = transferSeconds(256 * 1024);
    console.log(`# 256 KiB over veth: ${base.toFixed(3)} s unshaped, ${limited.toFixed(3)} s at 1mbit`);
    assert.ok(limited > 1.5, `256 KiB at 1mbit took only ${limited} s`);
    await assert.rejects(networkBandwidthDriver.prepare(ctx, fault), /already has our tbf qdisc/);
    await networkBandwidthDriver.revert(ctx, prepared.revert);
    assert.equal(await networkBandwidthDriver.verifyReverted(ctx, prepared.revert), true);
    assert.ok(transferSeconds(256 * 1024) < 1);
  });

  it("refuses a root qdisc it did not create, and its revert leaves a foreign one alone", async () => {
    const t = nsTransport();
    const ctx = faultContext(t, { type: "local" }, "sc-test-foreign");
    spawnSync("ip", ["netns", "exec", NS, "tc", "qdisc", "add", "dev", "lo", "root", "handle", "1:", "tbf", "rate", "10mbit", "burst", "32k", "latency", "50ms"]);
    const fault = NetworkBandwidthFaultSchema.parse({ type: "network-bandwidth", target: "ns", params: { interface: "lo", rate: "1mbit" } });
    await assert.rejects(networkBandwidthDriver.prepare(ctx, fault), /handle 1:\) we did not create/);
    await networkBandwidthDriver.revert(ctx, { type: "network-bandwidth", dev: "lo", handle: "5c3b:", inject: [] });
    assert.match(spawnSync("ip", ["netns", "exec", NS, "tc", "qdisc", "show", "dev", "lo"]).stdout.toString(), /tbf 1: root/);
  });

  it("auto latency says this kernel has no netem and needs a proxy", async () => {
    const t = nsTransport();
    const logs: string[] = [];
    const ctx = { ...faultContext(t, { type: "local" }, "sc-test-netem"), log: (m: string) => logs.push(m) };
    const fault = NetworkLatencyFaultSchema.parse({ type: "network-latency", target: "ns", params: { interface: "sc-va", delay: "100ms" } });
    await assert.rejects(networkLatencyDriver.prepare(ctx, fault), /no netem/);
  });
});

describe("TCP delay proxy with NAT redirect", { timeout: 60_000 }, () => {
  let srv: Awaited<ReturnType<typeof okServer>>;
  before(async () => (srv = await okServer()));
  after(() => srv.server.close());

  async function timed(port: number): Promise<{ r: string; ms: number }> {
    const t0 = performance.now();
    const r = await tryConnect(port, 5000);
    return { r, ms: performance.now() - t0 };
  }

  it("delays the target's connections to upstream without touching clients, then removes rule and proxy", async () => {
    const t = createLocalTransport("local");
    const logs: string[] = [];
    const ctx = { ...faultContext(t, { type: "local" }, "sc-test-proxy"), log: (m: string) => logs.push(m) };
    const listenPort = srv.port === 65000 ? 65001 : 65000;
    const fault = NetworkLatencyFaultSchema.parse({
      type: "network-latency",
      target: "local",
      params: { delay: "400ms", jitter: "50ms", proxy: { listen: `127.0.0.1:${listenPort}`, upstream: `127.0.0.1:${srv.port}` } },
    });
    const prepared = await networkLatencyDriver.prepare(ctx, fault);
    assert.ok(logs.some((l) => /no netem: using the TCP delay proxy/.test(l)));
    const before = await timed(srv.port);
    await networkLatencyDriver.inject(ctx, prepared);
    try {
      assert.equal(await networkLatencyDriver.verifyInjected(ctx, prepared), true);
      const during = await timed(srv.port);
      console.log(`# connect+reply to upstream: ${before.ms.toFixed(0)} ms before, ${during.ms.toFixed(0)} ms with 400±50 ms proxy`);
      assert.equal(during.r, "ok");
      assert.ok(during.ms >= 340, `only ${during.ms} ms`);
    } finally {
      await networkLatencyDriver.revert(ctx, prepared.revert);
    }
    assert.equal(await networkLatencyDriver.verifyReverted(ctx, prepared.revert), true);
    assert.ok((await timed(srv.port)).ms < 200);
    assert.equal(ourRules(), "");
  });

  it("smtp refuse blocks the server port; smtp delay relays it late", async () => {
    const t = createLocalTransport("local");
    const ctx = faultContext(t, { type: "local" }, "sc-test-smtp");
    const refuse = SmtpDelayFaultSchema.parse({ type: "smtp-delay", target: "local", params: { mode: "refuse", server: `127.0.0.1:${srv.port}` } });
    const p1 = await smtpDelayDriver.prepare(ctx, refuse);
    await smtpDelayDriver.inject(ctx, p1);
    assert.equal(await tryConnect(srv.port), "ECONNREFUSED");
    await smtpDelayDriver.revert(ctx, p1.revert);
    assert.equal(await smtpDelayDriver.verifyReverted(ctx, p1.revert), true);

    const delay = SmtpDelayFaultSchema.parse({ type: "smtp-delay", target: "local", params: { server: `127.0.0.1:${srv.port}`, delay: "500ms", relay: "127.0.0.1:65002" } });
    const p2 = await smtpDelayDriver.prepare(ctx, delay);
    await smtpDelayDriver.inject(ctx, p2);
    try {
      const d = await timed(srv.port);
      assert.equal(d.r, "ok");
      assert.ok(d.ms >= 450, `only ${d.ms} ms`);
    } finally {
      await smtpDelayDriver.revert(ctx, p2.revert);
    }
    assert.equal(await smtpDelayDriver.verifyReverted(ctx, p2.revert), true);
    assert.equal(ourRules(), "");
  });
});
