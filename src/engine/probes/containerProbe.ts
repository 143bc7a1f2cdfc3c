import type Dockerode from "dockerode";
import * as z from "zod";
import type { ProbeOf } from "../model/probeSchemas";
import type { ProbeContext, ProbeDriver, ProbeResult } from "./ProbeDriver";

type ContainerProbe = ProbeOf<"container">;
type DockerSpec = { type: "docker"; endpoint: string };

/** The part of `docker inspect` the probe reads. */
export const ContainerInspectSchema = z.looseObject({
  Name: z.string().optional(),
  State: z.looseObject({
    Status: z.enum(["created", "running", "paused", "restarting", "removing", "exited", "dead"]),
    StartedAt: z.string().optional(),
    ExitCode: z.number().optional(),
  }),
});

/** Dockerode options for an endpoint; ssh:// endpoints need the docker transport's SSH tunnel, so they are refused here. */
export function dockerOptions(endpoint: string): Dockerode.DockerOptions {
  const url = new URL(endpoint);
  switch (url.protocol) {
    case "unix:":
      return { socketPath: decodeURIComponent(url.pathname) };
    case "tcp:":
    case "http:":
      return { host: url.hostname, port: Number(url.port || 2375), protocol: "http" };
    case "https:":
      return { host: url.hostname, port: Number(url.port || 2376), protocol: "https" };
    default:
      throw new Error(`docker endpoint ${url.protocol}// is not supported by the container probe (use unix:// or tcp://)`);
  }
}

async function dockerFor(ctx: ProbeContext, targetName: string): Promise<{ docker: Dockerode; spec: DockerSpec }> {
  const target = ctx.inventory.targets[targetName];
  if (target === undefined) throw new Error(`no target "${targetName}" in the inventory`);
  if (target.transport.type !== "docker") throw new Error(`target ${targetName} is reached over ${target.transport.type}, not docker`);
  const { default: Docker } = await import("dockerode");
  return { docker: new Docker(dockerOptions(target.transport.endpoint)), spec: target.transport };
}

/** The container's state, or "absent" when the daemon does not know it. */
export async function containerState(docker: Dockerode, name: string): Promise<{ state: ContainerProbe["expect"] | "created" | "restarting" | "removing" | "dead"; exitCode?: number }> {
  try {
    const info = ContainerInspectSchema.parse(await docker.getContainer(name).inspect());
    return { state: info.State.Status, exitCode: info.State.ExitCode };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return { state: "absent" };
    throw err;
  }
}

async function evaluate(ctx: ProbeContext, probe: ContainerProbe): Promise<ProbeResult> {
  const { docker, spec } = await dockerFor(ctx, probe.target);
  let seen: Awaited<ReturnType<typeof containerState>>;
  try {
    seen = await containerState(docker, probe.container);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(`docker at ${spec.endpoint} unreachable: ${code ?? (err as Error).message}`);
  }
  const ok = seen.state === probe.expect;
  const exit = seen.state === "exited" && seen.exitCode !== undefined ? ` (exit ${seen.exitCode})` : "";
  return { ok, value: seen.state, detail: `container ${probe.container} is ${seen.state}${exit} on ${probe.target}${ok ? "" : `, expected ${probe.expect}`}` };
}

export const containerProbe: ProbeDriver<"container"> = {
  type: "container",
  evaluate,
  describe: (p) => `container ${p.container} ${p.expect} on ${p.target}`,
};
