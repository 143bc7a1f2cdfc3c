/**
 * One transport per target, created on first use and closed together.
 *
 * Contract with the SSH and Docker transport modules (loaded lazily so ssh2 and dockerode
 * are only required when an inventory uses them):
 *
 *   // src/engine/transports/sshTransport.ts
 *   export function createSshTransport(name: string, spec: SshTransportSpec, target: Target, secrets: SecretResolver): Promise<Transport> | Transport;
 *   // src/engine/transports/dockerTransport.ts
 *   export function createDockerTransport(name: string, spec: DockerTransportSpec, target: Target, inventory: Inventory, secrets: SecretResolver): Promise<Transport> | Transport;
 *
 * where SshTransportSpec / DockerTransportSpec are `Extract<TransportSpec, { type: "ssh" | "docker" }>`
 * and SecretResolver is the one in ../probes/ProbeDriver. Relative paths in the spec
 * (keyFile, knownHostsFile) are already resolved by the inventory loader or left to the module.
 */
import type { Inventory, TransportSpec } from "../model/inventorySchema";
import type { SecretResolver } from "../probes/ProbeDriver";
import { createLocalTransport } from "./localTransport";
import { TransportError, type Transport, type TransportPool } from "./Transport";

export type SshTransportSpec = Extract<TransportSpec, { type: "ssh" }>;
export type DockerTransportSpec = Extract<TransportSpec, { type: "docker" }>;

export function createTransportPool(inventory: Inventory, secrets: SecretResolver): TransportPool {
  const transports = new Map<string, Promise<Transport>>();

  async function create(name: string): Promise<Transport> {
    const target = inventory.targets[name];
    if (!target) throw new TransportError(name, "no such target in the inventory");
    const spec = target.transport;
    switch (spec.type) {
      case "local":
        return createLocalTransport(name);
      case "ssh": {
        const { createSshTransport } = await import("./sshTransport");
        return createSshTransport(name, spec, target, secrets);
      }
      case "docker": {
        const { createDockerTransport } = await import("./dockerTransport");
        return createDockerTransport(name, spec, target, inventory, secrets);
      }
    }
  }

  return {
    get(name) {
      let transport = transports.get(name);
      if (!transport) {
        transport = create(name);
        // A failed connection is not cached: the next get() tries again.
        transport.catch(() => transports.delete(name));
        transports.set(name, transport);
      }
      return transport;
    },
    async closeAll() {
      const all = [...transports.values()];
      transports.clear();
      await Promise.allSettled(all.map(async (t) => (await t).close()));
    },
  };
}
