import { createReadStream } from "node:fs";
import { join } from "node:path";
import Docker from "dockerode";
import { buildBusyboxRootfsTar, LAB_BUSYBOX_IMAGE } from "./busyboxImage.js";

export const LAB_CONTAINER = "lab-edge-agent";
/** The container's httpd, on the host's loopback (host network: dockerd runs with --bridge=none). */
export const LAB_CONTAINER_PORT = 9401;

export interface DockerPaths {
  socket: string;
  dataRoot: string;
  execRoot: string;
  pidFile: string;
  work: string;
}

export function dockerPaths(state: string): DockerPaths {
  const dir = join(state, "docker");
  return {
    socket: join(state, "docker.sock"),
    dataRoot: join(dir, "root"),
    execRoot: join(dir, "exec"),
    pidFile: join(dir, "dockerd.pid"),
    work: join(dir, "build"),
  };
}

/** The recipe that works on this kernel: no bridge, no iptables, vfs storage. */
export function dockerdArgs(p: DockerPaths): string[] {
  return [
    "-H",
    `unix://${p.socket}`,
    "--data-root",
    p.dataRoot,
    "--exec-root",
    p.execRoot,
    "--pidfile",
    p.pidFile,
    "--bridge=none",
    "--iptables=false",
    "--ip6tables=false",
    "--ip-masq=false",
    "--storage-driver=vfs",
  ];
}

export function labDockerClient(p: DockerPaths): Docker {
  return new Docker({ socketPath: p.socket });
}

/** Imports the busybox image once; no registry is reachable, so it is built from Debian's binary. */
export async function ensureBusyboxImage(docker: Docker, p: DockerPaths): Promise<void> {
  const images = await docker.listImages({ filters: { reference: [LAB_BUSYBOX_IMAGE] } });
  if (images.length > 0) return;
  const tar = await buildBusyboxRootfsTar(p.work);
  const [repo, tag] = LAB_BUSYBOX_IMAGE.split(/:(?=[^:]+$)/) as [string, string];
  const stream = await docker.importImage(createReadStream(tar) as unknown as NodeJS.ReadableStream, { repo, tag, changes: 'CMD ["/bin/sh"]' });
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())));
}

/** The lab's long-running container, restarted by dockerd unless someone stops it on purpose. */
export async function ensureLabContainer(docker: Docker): Promise<Docker.ContainerInspectInfo> {
  const existing = await docker.listContainers({ all: true, filters: { name: [`^/${LAB_CONTAINER}$`] } });
  const container =
    existing.length > 0
      ? docker.getContainer(existing[0]!.Id)
      : await docker.createContainer({
          name: LAB_CONTAINER,
          Image: LAB_BUSYBOX_IMAGE,
          Cmd: ["httpd", "-f", "-p", `127.0.0.1:${LAB_CONTAINER_PORT}`, "-h", "/www"],
          Labels: { "surveillance-chaos.lab": "edge-agent" },
          // httpd as PID 1 ignores SIGTERM; a short timeout keeps `docker stop` and lab:down quick.
          StopTimeout: 2,
          HostConfig: { NetworkMode: "host", RestartPolicy: { Name: "unless-stopped" } },
        });
  const info = await container.inspect();
  if (!info.State.Running) await container.start();
  return container.inspect();
}
