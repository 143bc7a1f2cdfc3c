import assert from "node:assert/strict";
import { test } from "node:test";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import { secretNamesIn } from "../../../src/extension/secrets/secretNames";

test("every { secret: NAME } of an inventory is found, once, sorted", () => {
  const inventory = InventorySchema.parse({
    services: { grafana: { url: "http://127.0.0.1:3000", token: { secret: "GRAFANA_TOKEN" } } },
    targets: { hub: { transport: { type: "ssh", host: "127.0.0.1", user: "chaos", passphrase: { secret: "HUB_KEY" } } } },
    cameras: {
      door: { rtsp: "rtsp://127.0.0.1:8554/stream1", credentials: { username: "admin", password: { secret: "CAMERA_PASSWORD" } } },
      yard: { rtsp: "rtsp://127.0.0.1:8555/stream1", credentials: { username: "admin", password: { secret: "CAMERA_PASSWORD" } } },
    },
  });
  assert.deepEqual(secretNamesIn(inventory), ["CAMERA_PASSWORD", "GRAFANA_TOKEN", "HUB_KEY"]);
  assert.deepEqual(secretNamesIn(undefined), []);
});
