import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { findKnownKeys, hostsFieldMatches, knownHostsName, parseKnownHosts } from "../../../src/engine/transports/knownHosts";

const KEY_A = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
const KEY_B = "AAAAC3NzaC1lZDI1NTE5AAAAIBE2GzyBRfVmnEVHrpAsAbg4X3wbqbJOUXDQ5BsWZ0+L";

describe("known_hosts", () => {
  it("names non-default ports as [host]:port", () => {
    assert.equal(knownHostsName("hub", 22), "hub");
    assert.equal(knownHostsName("10.0.0.5", 2222), "[10.0.0.5]:2222");
  });

  it("parses plain lines, skips comments, cert-authority and junk, keeps @revoked", () => {
    const lines = parseKnownHosts(
      [`# comment`, ``, `hub,10.0.0.5 ssh-ed25519 ${KEY_A} me@box`, `@cert-authority *.lan ssh-ed25519 ${KEY_B}`, `@revoked * ssh-ed25519 ${KEY_B}`, `broken-line`].join("\n"),
    );
    assert.equal(lines.length, 2);
    assert.equal(lines[0]?.hosts, "hub,10.0.0.5");
    assert.equal(lines[0]?.line, 3);
    assert.equal(lines[1]?.marker, "revoked");
  });

  it("matches patterns with wildcards and negation, and ports", () => {
    assert.equal(hostsFieldMatches("hub,10.0.0.5", "10.0.0.5", 22), true);
    assert.equal(hostsFieldMatches("hub", "10.0.0.5", 22), false);
    assert.equal(hostsFieldMatches("hub", "hub", 2222), false);
    assert.equal(hostsFieldMatches("[hub]:2222", "hub", 2222), true);
    assert.equal(hostsFieldMatches("*.lan,!nvr.lan", "cam1.lan", 22), true);
    assert.equal(hostsFieldMatches("*.lan,!nvr.lan", "nvr.lan", 22), false);
    assert.equal(hostsFieldMatches("cam?.lan", "cam1.lan", 22), true);
    assert.equal(hostsFieldMatches("HUB", "hub", 22), true);
    assert.equal(hostsFieldMatches("10.0.0.5", "10.0.0.55", 22), false, "a dot is not a wildcard");
  });

  it("matches hashed names written by ssh-keygen -H", () => {
    const dir = mkdtempSync(join(tmpdir(), "sc-kh-"));
    try {
      const file = join(dir, "known_hosts");
      writeFileSync(file, `hub ssh-ed25519 ${KEY_A}\n[127.0.0.1]:2223 ssh-ed25519 ${KEY_B}\n`);
      assert.equal(spawnSync("ssh-keygen", ["-H", "-f", file], { stdio: "ignore" }).status, 0);
      const lines = parseKnownHosts(readFileSync(file, "utf8"));
      assert.ok(lines.every((l) => l.hosts.startsWith("|1|")));
      const a = findKnownKeys(lines, "hub", 22).trusted;
      assert.deepEqual(a.map((l) => l.key.toString("base64")), [KEY_A]);
      const b = findKnownKeys(lines, "127.0.0.1", 2223).trusted;
      assert.deepEqual(b.map((l) => l.key.toString("base64")), [KEY_B]);
      assert.equal(findKnownKeys(lines, "127.0.0.1", 22).trusted.length, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
