/**
 * Loopback ports of the lab. They are the real stack's defaults wherever the real stack has
 * one (home-stack.md), so probes and experiments address the lab exactly as a user's stack.
 */
export const LAB_HOST = "127.0.0.1";

export const labPorts = {
  dashboard: 7777,
  prometheus: 9090,
  pushgateway: 9091,
  alertmanager: 9093,
  /** Webhook sink (pager, Slack) and the HTTP view of recorded mail. */
  sinksHttp: 9097,
  sinksSmtp: 2525,
  nodeExporter: 9100,
  edgeAgent: 9400,
  promtail: 9080,
  loki: 3100,
} as const;

/**
 * Each camera on its own loopback address, so a network fault can cut one off alone
 * (CT-02), on the real RTSP port 554 when we may bind it (root), else 8554.
 */
export const labCameraHosts = { tapo_kitchen: "127.0.10.164", tapo_living_room: "127.0.10.206" } as const;
export const labRtspPort = process.getuid?.() === 0 ? 554 : 8554;

export function labUrl(port: number, path = ""): string {
  return `http://${LAB_HOST}:${port}${path}`;
}
