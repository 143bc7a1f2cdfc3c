import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type Docker from "dockerode";
import { containerDriver } from "../../../src/engine/faults/containerFault";
import { ContainerFaultSchema } from "../../../src/engine/model/faultSchemas";
import { InventorySchema, TargetSchema } from "../../../src/engine/model/inventorySchema";
import { createDockerTransport, type DockerTransport } from "../../../src/engine/transports/dockerTransport";
import type { DockerTransportSpec } from "../../../src/engine/transports/transportPool";
import { faultContext } from "../faults-network/fixtures/context";
import { startDockerd, type Dockerd } from "./fixtures/dockerd";
import { startSshd, type Sshd } from "./fixtures/sshd";

const noSecrets = async (): Promise<undefined> => undefined;

describe("docker transport and container faults against a real dockerd", { timeout: 120_000 }, () => {
  let dockerd: Dockerd;
  let t: DockerTransport;
  let box: Docker.Container;
  before(async () => {
    dockerd = await startDockerd();
    const spec: DockerTransportSpec = { type: "docker", endpoint: `unix://${dockerd.socket}`, container: "sc-box" };
    t = await createDockerTransport("nvr", spec, TargetSchema.parse({ allowChaos: true, transport: spec }), InventorySchema.parse({}), noSecrets);
    await t.docker().createNetwork({ Name: "sc-net", Driver: "bridge" });
    box = await t.docker().createContainer({ name: "sc-box", Image: dockerd.image, Cmd: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done"], HostConfig: { NetworkMode: "sc-net" } });
    await box.start();
  });
  after(async () => {
    await box?.remove({ force: true }).catch(() => undefined);
    await dockerd?.stop();
  });

  it("execs argv inside the container with no shell", async () => {
    const hostile = [`it's "q"`, "; touch /tmp/pwned", "$(touch /tmp/pwned)", "a\nb", ""];
    const r = await t.exec(["printf", "%s\\0", ...hostile]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split("\0").slice(0, -1), hostile);
    assert.notEqual((await t.exec(["ls", "/tmp/pwned"])).code, 0);
    assert.equal((await t.exec(["cat"], { stdin: "in" })).stdout, "in");
    assert.equal(await t.hasCommand("sleep"), true);
    assert.equal(await t.hasCommand("nft"), false);
    assert.equal(t.render(["echo", "a b"]), `docker -H unix://${dockerd.socket} exec sc-box echo 'a b'`);
  });

  for (const action of ["kill", "stop", "pause", "disconnect", "restart"] as const) {
    it(`${action}: inject, verify by inspect, revert, verify`, async () => {
      const ctx = faultContext(t, { type: "docker", endpoint: `unix://${dockerd.socket}` }, `sc-test-${action}`);
      const fault = ContainerFaultSchema.parse({ type: "container", target: "nvr", params: { container: "sc-box", action, ...(action === "disconnect" ? { network: "sc-net" } : {}) } });
      const prepared = await containerDriver.prepare(ctx, fault);
      const t0 = performance.now();
      await containerDriver.inject(ctx, prepared);
      assert.equal(await containerDriver.verifyInjected(ctx, prepared), true);
      console.log(`# container ${action}: inject-to-verified ${(performance.now() - t0).toFixed(0)} ms`);
      assert.equal(prepared.reversible, action !== "restart");
      await containerDriver.revert(ctx, prepared.revert);
      assert.equal(await containerDriver.verifyReverted(ctx, prepared.revert), true);
      const info = await box.inspect();
      assert.equal(info.State.Running && !info.State.Paused, true);
      assert.ok("sc-net" in (info.NetworkSettings.Networks ?? {}));
    });
  }

  describe("over an ssh:// endpoint", () => {
    let sshd: Sshd;
    before(async () => (sshd = await startSshd({ setEnv: `DOCKER_HOST=unix://${dockerd.socket}` })));
    after(async () => sshd.stop());

    it("reaches the daemon through the via target's key and pinned host key, and refuses a wrong one", async () => {
      const via = { type: "ssh" as const, host: "127.0.0.1", port: sshd.port, user: "root", keyFile: sshd.userKey, agent: false, sudo: false, hostKey: sshd.hostFingerprint };
      const inventory = InventorySchema.parse({ targets: { gw: { transport: via } } });
      const spec: DockerTransportSpec = { type: "docker", endpoint: `ssh://root@127.0.0.1:${sshd.port}`, via: "gw" };
      const remote = await createDockerTransport("nvr-ssh", spec, TargetSchema.parse({ transport: spec }), inventory, noSecrets);
      const info = await remote.docker().getContainer("sc-box").inspect();
      assert.equal(info.Name, "/sc-box");
      const wrong = InventorySchema.parse({ targets: { gw: { transport: { ...via, hostKey: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } } } });
      await assert.rejects(createDockerTransport("nvr-ssh", spec, TargetSchema.parse({ transport: spec }), wrong, noSecrets), /host key mismatch/);
    });
  });
});
