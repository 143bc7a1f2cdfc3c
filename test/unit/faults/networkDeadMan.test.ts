import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { armArgv, deadManScript, disarmArgv } from "../../../src/engine/faults/deadManSwitch";
import { markerPattern } from "../../../src/engine/faults/markedProcess";
import { proxyRevertArgv, proxyStartArgv, redirectArgv, parseEndpoint } from "../../../src/engine/faults/tcpDelayProxy";
import { webhookEndpoint } from "../../../src/engine/faults/webhookDrop";

describe("network dead-man switch and proxy commands", () => {
  it("arms a detached, marked timer whose script runs every revert step, quoted", () => {
    const argv = armArgv("sc-r-f", [["nft", "flush chain inet x y; delete chain inet x y"], ["echo", "it's $(id)"]], 3500);
    assert.equal(argv[0], "sh");
    const outer = argv[2] ?? "";
    assert.match(outer, /setsid sh -c .* sc-deadman:sc-r-f/);
    assert.equal(
      deadManScript([["nft", "flush chain inet x y; delete chain inet x y"], ["echo", "it's $(id)"]], 3500),
      `sleep 4; nft 'flush chain inet x y; delete chain inet x y' >/dev/null 2>&1; echo 'it'\\''s $(id)' >/dev/null 2>&1`,
    );
    assert.throws(() => armArgv("sc-r-f", [], 1000), /needs revert commands/);
    assert.throws(() => armArgv("bad tag", [["true"]], 1000), /must match/);
  });

  it("finds timers with a pattern that never matches its own command line", () => {
    const pattern = markerPattern("sc-deadman:sc-run.1-f");
    assert.equal(pattern, "[s]c-deadman:sc-run\\.1-f");
    const re = new RegExp(pattern);
    assert.ok(re.test("sh -c sleep 4 sc-deadman:sc-run.1-f"));
    assert.ok(!re.test(`pgrep -f -- ${pattern}`));
    assert.ok(!re.test("sc-deadman:sc-runX1-f"));
    assert.deepEqual(disarmArgv("sc-r-f").slice(3), ["sh", "[s]c-deadman:sc-r-f"]);
  });

  it("starts the proxy detached and marked; redirects with a gid exemption; reverts rule before proxy", () => {
    const rec = { type: "network-latency" as const, tag: "sc-p", listen: parseEndpoint("127.0.0.1:7000", "l"), upstream: parseEndpoint("10.0.0.5:554", "u"), delayMs: 200, jitterMs: 20, chain: "sc_0123456789ab" };
    assert.match(proxyStartArgv(rec)[2] ?? "", /setsid sh -c .*node -e .* 127\.0\.0\.1 7000 10\.0\.0\.5 554 200 20 23610.* sc-proxy:sc-p/s);
    assert.match(redirectArgv(rec)[1] ?? "", /chain inet surveillance_chaos sc_0123456789ab_n \{ type nat hook output priority -100; .*meta skgid != 23610 ip daddr 10\.0\.0\.5 tcp dport 554 redirect to :7000 comment "sc-p"/);
    const revert = proxyRevertArgv(rec);
    assert.equal(revert[0]?.[0], "nft");
    assert.deepEqual(revert.at(-1)?.slice(3), ["sh", "[s]c-proxy:sc-p"]);
    assert.throws(() => parseEndpoint("x:99999", "listen"), /not host:port/);
  });

  it("turns webhook URLs into host:port", () => {
    assert.deepEqual(webhookEndpoint("https://hooks.slack.com/services/T/B/X"), { host: "hooks.slack.com", port: 443 });
    assert.deepEqual(webhookEndpoint("http://127.0.0.1:9097/pager"), { host: "127.0.0.1", port: 9097 });
  });

  it("the armed script is valid sh", () => {
    const argv = armArgv("sc-r-f", [["true"], ["echo", "a'b"]], 1000);
    assert.equal(spawnSync("sh", ["-n", "-c", argv[2] ?? ""]).status, 0);
  });
});
