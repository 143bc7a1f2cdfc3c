import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { armDeadMan, deadManArmed, disarmDeadMan } from "../../../src/engine/faults/deadManSwitch";
import { networkBlackholeDriver } from "../../../src/engine/faults/networkBlackhole";
import { NetworkBlackholeFaultSchema } from "../../../src/engine/model/faultSchemas";
import { createSshTransport } from "../../../src/engine/transports/sshTransport";
import type { SshTransportSpec } from "../../../src/engine/transports/transportPool";
import { startSshd, type Sshd } from "../transports/fixtures/sshd";
import { faultContext, okServer, ourRules, tryConnect } from "./fixtures/context";

const DURATION_MS = 3000;
const MARGIN_MS = 1000;

describe("dead-man switch on the target", { timeout: 60_000 }, () => {
  let sshd: Sshd;
  let spec: SshTransportSpec;
  let srv: Awaited<ReturnType<typeof okServer>>;
  before(async () => {
    sshd = await startSshd();
    spec = { type: "ssh", host: "127.0.0.1", port: sshd.port, user: "root", keyFile: sshd.userKey, agent: false, sudo: false, hostKey: sshd.hostFingerprint };
    srv = await okServer();
  });
  after(async () => {
    srv.server.close();
    await sshd.stop();
  });

  it("reverts a blackhole by itself after the runner is SIGKILLed", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "fixtures", "injectAndHang.ts"), JSON.stringify(spec), "sc-test-deadman-kill", String(srv.port), String(DURATION_MS + MARGIN_MS)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => resolve(b.toString()));
      child.once("exit", (code) => reject(new Error(`runner exited early (${code})`)));
    });
    const { deadManAt } = JSON.parse(line) as { deadManAt: number };
    assert.equal(await tryConnect(srv.port), "ECONNREFUSED");
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const killedAt = Date.now();
    let healedAt = 0;
    while (Date.now() < deadManAt + 5000) {
      if ((await tryConnect(srv.port)) === "ok" && ourRules() === "") {
        healedAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(healedAt > 0, "the target never reverted the blackhole");
    console.log(`# SIGKILL to healed: ${healedAt - killedAt} ms (dead-man due ${deadManAt - killedAt} ms after the kill)`);
    assert.ok(healedAt <= deadManAt + 1500, `healed ${healedAt - deadManAt} ms after deadManAt`);
  });

  it("a normal revert disarms it", async () => {
    const t = await createSshTransport("hub", spec, faultContext({ targetName: "hub" } as never, spec, "x").target, async () => undefined);
    try {
      const ctx = faultContext(t, spec, "sc-test-deadman-disarm");
      const fault = NetworkBlackholeFaultSchema.parse({ type: "network-blackhole", target: "hub", params: { host: "127.0.0.1", port: srv.port } });
      const prepared = await networkBlackholeDriver.prepare(ctx, fault);
      await armDeadMan(t, ctx.tag, prepared.revertArgv ?? [], 30_000);
      assert.equal(await deadManArmed(t, ctx.tag), true);
      await networkBlackholeDriver.inject(ctx, prepared);
      await networkBlackholeDriver.revert(ctx, prepared.revert);
      await disarmDeadMan(t, ctx.tag);
      assert.equal(await deadManArmed(t, ctx.tag), false);
      assert.equal(ourRules(), "");
    } finally {
      await t.close();
    }
  });
});
