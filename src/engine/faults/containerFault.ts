import type Docker from "dockerode";
import { isDockerTransport, renderDocker, type DockerTransport } from "../transports/dockerTransport";
import type { FaultContext, FaultDriver, RevertRecord } from "./FaultDriver";
import { waitUntil } from "./faultExec";

/**
 * kill / stop / pause / restart / disconnect a container through the Docker API, each with
 * its matching revert (start, start, unpause, nothing, reconnect with the same aliases and
 * address), verified by inspecting the container rather than trusting the API's answer.
 */
interface ContainerRecord extends RevertRecord {
  action: "kill" | "stop" | "pause" | "restart" | "disconnect";
  /** Full id: a name could be reused by another container before the revert. */
  id: string;
  name: string;
  signal: string | undefined;
  network: string | undefined;
  endpointConfig: { Aliases?: string[]; IPAMConfig?: { IPv4Address?: string } } | undefined;
  startedAt: string;
}

function dockerOf(ctx: FaultContext): DockerTransport {
  if (!isDockerTransport(ctx.transport)) throw new Error(`${ctx.targetName} is not a Docker target: container faults need transport type docker`);
  return ctx.transport;
}

const inspect = (ctx: FaultContext, id: string): Promise<Docker.ContainerInspectInfo> => dockerOf(ctx).docker().getContainer(id).inspect();

function cli(ctx: FaultContext, rec: ContainerRecord): { inject: string[]; revert: string[] | null } {
  const ep = dockerOf(ctx).endpoint;
  const r = (w: string[]) => renderDocker(ep, w);
  switch (rec.action) {
    case "kill":
      return { inject: [r(["kill", "--signal", rec.signal ?? "SIGKILL", rec.id])], revert: [r(["start", rec.id])] };
    case "stop":
      return { inject: [r(["stop", rec.id])], revert: [r(["start", rec.id])] };
    case "pause":
      return { inject: [r(["pause", rec.id])], revert: [r(["unpause", rec.id])] };
    case "restart":
      return { inject: [r(["restart", rec.id])], revert: null };
    case "disconnect":
      return { inject: [r(["network", "disconnect", rec.network ?? "", rec.id])], revert: [r(["network", "connect", rec.network ?? "", rec.id])] };
  }
}

async function injected(ctx: FaultContext, rec: ContainerRecord): Promise<boolean> {
  const s = await inspect(ctx, rec.id);
  switch (rec.action) {
    case "kill":
    case "stop":
      return !s.State.Running;
    case "pause":
      return s.State.Paused;
    case "restart":
      return s.State.Running && s.State.StartedAt !== rec.startedAt;
    case "disconnect":
      return !(rec.network !== undefined && rec.network in (s.NetworkSettings.Networks ?? {}));
  }
}

async function reverted(ctx: FaultContext, rec: ContainerRecord): Promise<boolean> {
  const s = await inspect(ctx, rec.id);
  if (rec.action === "disconnect") return rec.network !== undefined && rec.network in (s.NetworkSettings.Networks ?? {});
  return s.State.Running && !s.State.Paused;
}

export const containerDriver: FaultDriver<"container"> = {
  type: "container",
  requiredTools: () => [],
  async prepare(ctx, fault) {
    const { container, action, signal, network } = fault.params;
    const info = await inspect(ctx, container);
    if (!info.State.Running) throw new Error(`container ${info.Name} is not running (${info.State.Status}): nothing to ${action}`);
    if (action === "pause" && info.State.Paused) throw new Error(`container ${info.Name} is already paused`);
    let endpointConfig: ContainerRecord["endpointConfig"];
    if (action === "disconnect") {
      if (network === undefined) throw new Error("action disconnect needs params.network");
      const ep = info.NetworkSettings.Networks?.[network];
      if (!ep) throw new Error(`container ${info.Name} is not connected to network ${network}`);
      endpointConfig = { Aliases: ep.Aliases ?? [], ...(ep.IPAMConfig?.IPv4Address ? { IPAMConfig: { IPv4Address: ep.IPAMConfig.IPv4Address } } : {}) };
    }
    const rec: ContainerRecord = { type: "container", action, id: info.Id, name: info.Name.replace(/^\//, ""), signal, network, endpointConfig, startedAt: info.State.StartedAt };
    const c = cli(ctx, rec);
    return {
      summary: `${action} container ${rec.name}${network ? ` from ${network}` : ""} on ${ctx.targetName}`,
      commands: c.inject,
      revertCommands: c.revert ?? [],
      revert: rec,
      reversible: c.revert !== null,
    };
  },
  async inject(ctx, prepared) {
    const rec = prepared.revert as ContainerRecord;
    const docker = dockerOf(ctx).docker();
    const c = docker.getContainer(rec.id);
    if (rec.action === "kill") await c.kill({ signal: rec.signal ?? "SIGKILL" });
    else if (rec.action === "stop") await c.stop();
    else if (rec.action === "pause") await c.pause();
    else if (rec.action === "restart") await c.restart();
    else await docker.getNetwork(rec.network ?? "").disconnect({ Container: rec.id, Force: true });
  },
  verifyInjected: (ctx, prepared) => waitUntil(() => injected(ctx, prepared.revert as ContainerRecord), 10_000, ctx.signal, 100),
  async revert(ctx, record) {
    const rec = record as ContainerRecord;
    const docker = dockerOf(ctx).docker();
    const s = await inspect(ctx, rec.id);
    if (rec.action === "disconnect") {
      if (!(rec.network !== undefined && rec.network in (s.NetworkSettings.Networks ?? {}))) {
        await docker.getNetwork(rec.network ?? "").connect({ Container: rec.id, EndpointConfig: rec.endpointConfig ?? {} });
      }
      return;
    }
    // Idempotent: a container already back (restart policy, the stack, the dead-man) is left as it is.
    if (s.State.Paused) await docker.getContainer(rec.id).unpause();
    else if (!s.State.Running) await docker.getContainer(rec.id).start();
  },
  verifyReverted: (ctx, record) => waitUntil(() => reverted(ctx, record as ContainerRecord), 10_000, ctx.signal, 100),
};
