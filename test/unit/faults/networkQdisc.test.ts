import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tbfInjectArgv } from "../../../src/engine/faults/networkBandwidth";
import { netemInjectArgv } from "../../../src/engine/faults/netemCommands";
import { deleteArgv, NETEM_HANDLE, parseRootQdisc, rootConflict, TBF_HANDLE } from "../../../src/engine/faults/qdisc";

describe("tc qdisc ownership and commands", () => {
  it("parses the root qdisc", () => {
    assert.deepEqual(parseRootQdisc("qdisc noqueue 0: root refcnt 2 \n"), { kind: "noqueue", handle: "0:" });
    assert.deepEqual(parseRootQdisc("qdisc prio 5c3a: root refcnt 2 bands 4\nqdisc netem 5c3c: parent 5c3a:4 limit 1000 delay 100ms\n"), { kind: "prio", handle: "5c3a:" });
    assert.equal(parseRootQdisc(""), null);
  });

  it("installs over kernel defaults only, and names what it refuses", () => {
    assert.equal(rootConflict({ kind: "fq_codel", handle: "0:" }, "eth0"), null);
    assert.equal(rootConflict(null, "eth0"), null);
    assert.match(rootConflict({ kind: "htb", handle: "1:" }, "eth0") ?? "", /htb root qdisc \(handle 1:\) we did not create/);
    assert.match(rootConflict({ kind: "netem", handle: NETEM_HANDLE }, "eth0") ?? "", /already has our netem/);
  });

  it("deletes only by our reserved handles", () => {
    assert.deepEqual(deleteArgv("eth0", NETEM_HANDLE), ["tc", "qdisc", "del", "dev", "eth0", "root", "handle", "5c3a:"]);
    assert.deepEqual(deleteArgv("eth0", TBF_HANDLE), ["tc", "qdisc", "del", "dev", "eth0", "root", "handle", "5c3b:"]);
    assert.throws(() => deleteArgv("eth0", "1:"), /not a handle of ours/);
    assert.throws(() => deleteArgv("eth0; reboot", NETEM_HANDLE), /not an interface name/);
  });

  it("builds netem for a whole interface", () => {
    assert.deepEqual(netemInjectArgv({ dev: "eth0", delayMs: 200, jitterMs: 50, correlation: 25, loss: 1 }), [
      ["tc", "qdisc", "add", "dev", "eth0", "root", "handle", "5c3a:", "netem", "delay", "200ms", "50ms", "25%", "loss", "1%"],
    ]);
  });

  it("builds netem for one host:port under our prio root with a u32 filter", () => {
    assert.deepEqual(netemInjectArgv({ dev: "eth0", delayMs: 100, host: "192.168.1.20", port: 554 }), [
      ["tc", "qdisc", "add", "dev", "eth0", "root", "handle", "5c3a:", "prio", "bands", "4"],
      ["tc", "qdisc", "add", "dev", "eth0", "parent", "5c3a:4", "handle", "5c3c:", "netem", "delay", "100ms"],
      ["tc", "filter", "add", "dev", "eth0", "parent", "5c3a:", "protocol", "ip", "prio", "1", "u32", "match", "ip", "dst", "192.168.1.20/32", "match", "ip", "dport", "554", "0xffff", "flowid", "5c3a:4"],
    ]);
    assert.throws(() => netemInjectArgv({ dev: "eth0", delayMs: 1, host: "cam.lan" }), /IPv4/);
  });

  it("builds tbf under its own handle", () => {
    assert.deepEqual(tbfInjectArgv("veth0", "1mbit", "32k", 400), ["tc", "qdisc", "add", "dev", "veth0", "root", "handle", "5c3b:", "tbf", "rate", "1mbit", "burst", "32k", "latency", "400ms"]);
  });
});
