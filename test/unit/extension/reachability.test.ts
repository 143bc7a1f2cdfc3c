import assert from "node:assert/strict";
import { createServer, type AddressInfo } from "node:net";
import { test } from "node:test";
import { cameraEndpoint, checkEndpoint, serviceEndpoint, targetEndpoint } from "../../../src/extension/tree/targets/reachability";

test("endpoints come from each kind of inventory entry, with default ports", () => {
  assert.deepEqual(targetEndpoint({ type: "ssh", host: "10.0.0.2", port: 2222, user: "u", agent: false, sudo: false }), { host: "10.0.0.2", port: 2222 });
  assert.deepEqual(targetEndpoint({ type: "docker", endpoint: "unix:///run/docker.sock" }), { socket: "/run/docker.sock" });
  assert.deepEqual(targetEndpoint({ type: "docker", endpoint: "tcp://10.0.0.3" }), { host: "10.0.0.3", port: 2375 });
  assert.equal(targetEndpoint({ type: "local" }), undefined);
  assert.deepEqual(cameraEndpoint({ rtsp: "rtsp://127.0.10.164/stream1" }), { host: "127.0.10.164", port: 554 });
  assert.deepEqual(serviceEndpoint({ url: "http://127.0.0.1:9090" }), { host: "127.0.0.1", port: 9090 });
});

test("a listening port is reachable and a closed one is not", async () => {
  const server = createServer((s) => s.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const up = await checkEndpoint({ host: "127.0.0.1", port });
    assert.equal(up.state, "reachable");
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const down = await checkEndpoint({ host: "127.0.0.1", port });
  assert.deepEqual(down, { state: "unreachable", reason: "ECONNREFUSED" });
});
