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
  /** RTSP ports the dashboard expects the lab cameras on (the real cameras use 554 on the LAN). */
  cameraKitchen: 8554,
  cameraLivingRoom: 8555,
} as const;

export function labUrl(port: number, path = ""): string {
  return `http://${LAB_HOST}:${port}${path}`;
}
