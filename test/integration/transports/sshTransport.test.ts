import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TargetSchema } from "../../../src/engine/model/inventorySchema";
import { HostKeyError } from "../../../src/engine/transports/sshHostKey";
import { createSshTransport } from "../../../src/engine/transports/sshTransport";
import type { SshTransportSpec } from "../../../src/engine/transports/transportPool";
import { startSshd, type Sshd } from "./fixtures/sshd";

const noSecrets = async (): Promise<undefined> => undefined;

describe("ssh transport against a real sshd", { timeout: 60_000 }, () => {
  let sshd: Sshd;
  let spec: SshTransportSpec;
  before(async () => {
    sshd = await startSshd();
    spec = { type: "ssh", host: "127.0.0.1", port: sshd.port, user: "root", keyFile: sshd.userKey, agent: false, sudo: false, hostKey: sshd.hostFingerprint };
  });
  after(async () => sshd.stop());
  const target = () => TargetSchema.parse({ allowChaos: true, transport: spec });

  it("runs argv with hostile words literally", async () => {
    const t = await createSshTransport("hub", spec, target(), noSecrets);
    try {
      const marker = join(sshd.dir, "pwned");
      const hostile = [`it's "quoted"`, `; touch ${marker}`, `$(touch ${marker})`, "`touch " + marker + "`", "line1\nline2", "*", "$HOME", ""];
      const r = await t.exec(["printf", "%s\\0", ...hostile]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.split("\0").slice(0, -1), hostile);
      assert.equal(existsSync(marker), false);
      assert.equal((await t.exec(["sh", "-c", "exit 7"])).code, 7);
      assert.equal((await t.exec(["cat"], { stdin: "from stdin" })).stdout, "from stdin");
      assert.equal(await t.hasCommand("nft"), true);
      assert.equal(await t.hasCommand("no-such-tool-; true"), false);
    } finally {
      await t.close();
    }
  });

  it("refuses a host whose key does not match the pin, before anything runs", async () => {
    const wrong = { ...spec, hostKey: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };
    await assert.rejects(createSshTransport("hub", wrong, target(), noSecrets), (e: Error) => {
      assert.ok(e instanceof HostKeyError);
      assert.match(e.message, /expected SHA256:A{43}/);
      assert.ok(e.message.includes(`presented ${sshd.hostFingerprint}`));
      return true;
    });
  });

  it("checks known_hosts: accepted when listed as [host]:port, refused when unknown or different", async () => {
    const kh = join(sshd.dir, "known_hosts");
    const base = { ...spec, hostKey: undefined, knownHostsFile: kh };
    writeFileSync(kh, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKeyLine}\n`);
    const t = await createSshTransport("hub", base, target(), noSecrets);
    assert.equal((await t.exec(["true"])).code, 0);
    await t.close();

    writeFileSync(kh, `[127.0.0.1]:${sshd.port + 1} ${sshd.hostPublicKeyLine}\n`);
    await assert.rejects(createSshTransport("hub", base, target(), noSecrets), /is not in .*known_hosts: presented SHA256:/);

    const other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    writeFileSync(kh, `[127.0.0.1]:${sshd.port} ${other}\n`);
    await assert.rejects(createSshTransport("hub", base, target(), noSecrets), /host key mismatch .*expected SHA256:.*presented SHA256:/);
  });
});
