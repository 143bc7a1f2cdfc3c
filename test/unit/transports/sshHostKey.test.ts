import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fingerprint, hostKeyProblem, keyTypeOf, normalizeFingerprint } from "../../../src/engine/transports/sshHostKey";

const KEY_A = Buffer.from("AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl", "base64");
const KEY_B = Buffer.from("AAAAC3NzaC1lZDI1NTE5AAAAIBE2GzyBRfVmnEVHrpAsAbg4X3wbqbJOUXDQ5BsWZ0+L", "base64");

describe("ssh host keys", () => {
  it("fingerprints exactly as ssh-keygen -lf", () => {
    const dir = mkdtempSync(join(tmpdir(), "sc-hk-"));
    try {
      spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "k")]);
      const pub = readFileSync(join(dir, "k.pub"), "utf8").split(" ");
      const expected = spawnSync("ssh-keygen", ["-lf", join(dir, "k.pub")]).stdout.toString().split(" ")[1];
      assert.equal(fingerprint(Buffer.from(pub[1] ?? "", "base64")), expected);
      assert.equal(keyTypeOf(Buffer.from(pub[1] ?? "", "base64")), "ssh-ed25519");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("normalizes pins with or without padding and refuses other forms", () => {
    const fp = fingerprint(KEY_A);
    assert.equal(normalizeFingerprint(`${fp}=`), fp);
    assert.equal(normalizeFingerprint(` ${fp} `), fp);
    assert.throws(() => normalizeFingerprint("MD5:aa:bb"), /not a SHA256 fingerprint/);
  });

  it("names expected and presented fingerprints on a pinned mismatch", () => {
    const policy = { kind: "pinned" as const, fingerprint: fingerprint(KEY_A) };
    assert.equal(hostKeyProblem(policy, "hub", 22, KEY_A), null);
    const msg = hostKeyProblem(policy, "hub", 22, KEY_B) ?? "";
    assert.ok(msg.includes(`expected ${fingerprint(KEY_A)}`), msg);
    assert.ok(msg.includes(`presented ${fingerprint(KEY_B)} (ssh-ed25519)`), msg);
  });

  it("checks known_hosts: trusted, unknown, mismatch, revoked", () => {
    const text = `[hub]:2222 ssh-ed25519 ${KEY_A.toString("base64")}\n`;
    const policy = { kind: "known-hosts" as const, file: "/k", text };
    assert.equal(hostKeyProblem(policy, "hub", 2222, KEY_A), null);
    assert.match(hostKeyProblem(policy, "hub", 22, KEY_A) ?? "", /hub is not in \/k: presented SHA256:/);
    assert.match(hostKeyProblem(policy, "hub", 2222, KEY_B) ?? "", /mismatch for \[hub\]:2222: expected SHA256:.*line 1.*presented SHA256:/);
    const revoked = { ...policy, text: `${text}@revoked * ssh-ed25519 ${KEY_A.toString("base64")}\n` };
    assert.match(hostKeyProblem(revoked, "hub", 2222, KEY_A) ?? "", /@revoked/);
  });
});
