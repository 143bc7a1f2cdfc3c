import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { dockerEngineComponent } from "../../../lab/components/dockerEngine.js";
import { mountsUnder } from "../../../lab/docker/mountTable.js";
import { dockerPaths, LAB_CONTAINER, LAB_CONTAINER_PORT, labDockerClient } from "../../../lab/docker/labDocker.js";
import { downExtras, extrasContext, upExtras } from "./extrasLab.js";

const ctx = extrasContext("docker-engine");
const p = dockerPaths(ctx.state);

before(async () => {
  if ((await dockerEngineComponent.available(ctx)).ok) await upExtras([dockerEngineComponent]);
});

after(async () => {
  await downExtras([dockerEngineComponent]);
  assert.deepEqual(await mountsUnder(p.execRoot), [], "mounts left under the exec-root");
});

test("dockerd answers /_ping on the lab socket and the lab container runs", { timeout: 60_000 }, async () => {
  const available = await dockerEngineComponent.available(ctx);
  assert.ok(available.ok, `the lab cannot run dockerd here: ${available.reason}`);
  const docker = labDockerClient(p);
  assert.equal(String(await docker.ping()), "OK");
  const info = await docker.getContainer(LAB_CONTAINER).inspect();
  assert.equal(info.State.Running, true);
  assert.equal(info.Config.Image, "localhost/lab-busybox:latest");
  assert.equal(info.HostConfig.RestartPolicy?.Name, "unless-stopped");
  const page = await fetch(`http://127.0.0.1:${LAB_CONTAINER_PORT}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /lab-edge-agent/);
  const health = await dockerEngineComponent.health(ctx);
  assert.equal(health.healthy, true, health.detail);
});

test("a kill -9 of the container's process from the host is undone by the restart policy", { timeout: 30_000 }, async () => {
  const available = await dockerEngineComponent.available(ctx);
  assert.ok(available.ok, `the lab cannot run dockerd here: ${available.reason}`);
  const container = labDockerClient(p).getContainer(LAB_CONTAINER);
  const before = await container.inspect();
  process.kill(before.State.Pid, "SIGKILL");
  const t0 = Date.now();
  for (;;) {
    const now = await container.inspect();
    if (now.State.Running && now.State.Pid !== before.State.Pid) {
      console.log(`# restarted by dockerd after ${Date.now() - t0} ms (RestartCount ${now.RestartCount})`);
      break;
    }
    assert.ok(Date.now() - t0 < 15_000, "not restarted within 15 s");
    await new Promise((r) => setTimeout(r, 100));
  }
});
