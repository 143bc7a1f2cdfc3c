import Docker from "dockerode";
import type { ConnectConfig } from "ssh2";
import { hostKeyProblem, HostKeyError } from "./sshHostKey";
import type { SshEndpoint } from "./sshConnection";

/**
 * A dockerode client for an endpoint: unix:///path, tcp://host:port (plain HTTP; TLS is
 * out of scope), or ssh://user@host[:port], which docker-modem tunnels through ssh2 with
 * the same key and pinned host key as the `via` SSH target.
 */
export function dockerClient(endpoint: string, via?: SshEndpoint): Docker {
  const url = new URL(endpoint);
  switch (url.protocol) {
    case "unix:":
      return new Docker({ socketPath: url.pathname });
    case "tcp:":
      return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: "http" });
    case "ssh:": {
      if (!via) throw new Error(`${endpoint}: ssh endpoints need \`via\`, an ssh target whose key and host key to use`);
      let refused: string | null = null;
      const sshOptions: ConnectConfig = {
        ...via.auth,
        readyTimeout: 10_000,
        hostVerifier: (key: Buffer) => {
          refused = hostKeyProblem(via.policy, url.hostname, Number(url.port || 22), key);
          if (refused) throw new HostKeyError(via.targetName, refused);
          return true;
        },
      };
      return new Docker({ protocol: "ssh", host: url.hostname, port: Number(url.port || 22), username: decodeURIComponent(url.username || via.user), sshOptions } as Docker.DockerOptions);
    }
    default:
      throw new Error(`unsupported Docker endpoint ${endpoint}: use unix://, tcp:// or ssh://`);
  }
}
