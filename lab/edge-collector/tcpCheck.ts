import { connect } from "node:net";

/** Seconds to open a TCP connection, or undefined when it failed or timed out. */
export function tcpConnectSeconds(host: string, port: number, timeoutMs: number): Promise<number | undefined> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok ? (performance.now() - t0) / 1000 : undefined);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
