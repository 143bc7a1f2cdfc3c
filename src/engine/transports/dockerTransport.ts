import type Docker from "dockerode";
import { PassThrough } from "node:stream";
import type { Inventory, Target } from "../model/inventorySchema";
import type { SecretResolver } from "../probes/ProbeDriver";
import { dockerClient } from "./dockerClient";
import { quoteWord, renderArgv } from "./shellQuote";
import { sshEndpoint } from "./sshTransport";
import { TransportError, type ExecOptions, type ExecResult, type Transport } from "./Transport";
import type { DockerTransportSpec } from "./transportPool";

const MAX_OUTPUT = 8 * 1024 * 1024;

/** A transport whose target is a Docker endpoint: container faults use `docker()`, exec runs inside `container`. */
export interface DockerTransport extends Transport {
  readonly kind: "docker";
  readonly endpoint: string;
  readonly container: string | undefined;
  docker(): Docker;
}

export function isDockerTransport(t: Transport): t is DockerTransport {
  return t.kind === "docker" && typeof (t as Partial<DockerTransport>).docker === "function";
}

/** The docker CLI line equivalent to an API call or exec, for dry runs and journals. */
export function renderDocker(endpoint: string, words: readonly string[]): string {
  return `docker -H ${quoteWord(endpoint)} ${renderArgv(words)}`;
}

export async function createDockerTransport(name: string, spec: DockerTransportSpec, _target: Target, inventory: Inventory, secrets: SecretResolver): Promise<DockerTransport> {
  let via;
  if (spec.via !== undefined) {
    const v = inventory.targets[spec.via]?.transport;
    if (v?.type !== "ssh") throw new TransportError(name, `via: ${spec.via} is not an ssh target`);
    via = await sshEndpoint(spec.via, v, secrets);
  }
  const docker = dockerClient(spec.endpoint, via);
  try {
    await docker.ping();
  } catch (e) {
    throw new TransportError(name, `Docker endpoint ${spec.endpoint} does not answer: ${(e as Error).message}`);
  }
  const container = spec.container;
  const run = (argv: readonly string[], o: ExecOptions = {}): Promise<ExecResult> => {
    if (container === undefined) return Promise.reject(new TransportError(name, "no container set: this Docker target only carries container faults"));
    return execInContainer(docker, name, container, argv, o);
  };
  return {
    kind: "docker",
    targetName: name,
    endpoint: spec.endpoint,
    container,
    docker: () => docker,
    exec: run,
    render: (argv) => renderDocker(spec.endpoint, ["exec", ...(container === undefined ? [] : [container]), ...argv]),
    async hasCommand(command) {
      if (container === undefined) return false;
      return (await run(["sh", "-c", 'command -v -- "$1" >/dev/null 2>&1', "sh", command]).catch(() => ({ code: 1 }))).code === 0;
    },
    close: async () => undefined,
  };
}

/** `docker exec` through the API: argv as Cmd, no shell; output demultiplexed, exit code from inspect. */
async function execInContainer(docker: Docker, name: string, container: string, argv: readonly string[], o: ExecOptions): Promise<ExecResult> {
  if (o.signal?.aborted) throw new TransportError(name, `aborted before running ${argv[0] ?? ""}`);
  const exec = await docker.getContainer(container).exec({ Cmd: [...argv], AttachStdout: true, AttachStderr: true, AttachStdin: o.stdin !== undefined });
  const stream = await exec.start({ hijack: true, stdin: o.stdin !== undefined });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let len = 0;
  const sink = (into: Buffer[]) => {
    const p = new PassThrough();
    p.on("data", (b: Buffer) => {
      if (len < MAX_OUTPUT) into.push(b);
      len += b.length;
    });
    return p;
  };
  docker.modem.demuxStream(stream, sink(out), sink(err));
  if (o.stdin !== undefined) stream.end(o.stdin);
  await new Promise<void>((resolve, reject) => {
    const timer = o.timeoutMs === undefined ? undefined : setTimeout(() => (stream.destroy(), reject(new TransportError(name, `${argv[0]} timed out after ${o.timeoutMs} ms`))), o.timeoutMs);
    const onAbort = () => (stream.destroy(), reject(new TransportError(name, `${argv[0]} aborted`)));
    o.signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      if (timer) clearTimeout(timer);
      o.signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    stream.on("end", done);
    stream.on("close", done);
    stream.on("error", (e: Error) => reject(new TransportError(name, e.message)));
  });
  const info = await exec.inspect();
  return { code: info.ExitCode ?? null, signal: null, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}
