import * as z from "zod";
import { DurationSchema } from "./duration";
import { VariablesSchema } from "./experimentSchema";

/** A credential is never written in a file: files name it, the CLI reads it from the environment and VS Code from SecretStorage. */
export const SecretRefSchema = z.strictObject({
  secret: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).describe("Secret name; the CLI reads SURVEILLANCE_CHAOS_SECRET_<NAME> (upper-cased)."),
});
export type SecretRef = z.infer<typeof SecretRefSchema>;

export const LocalTransportSchema = z.strictObject({ type: z.literal("local") });

export const SshTransportSchema = z.strictObject({
  type: z.literal("ssh"),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(22),
  user: z.string().min(1),
  keyFile: z.string().optional().describe("Private key file (relative to the inventory file)."),
  passphrase: SecretRefSchema.optional(),
  agent: z.boolean().default(false).describe("Use SSH_AUTH_SOCK."),
  hostKey: z.string().optional().describe('Pinned host key fingerprint, "SHA256:…" as ssh-keygen -lf prints it.'),
  knownHostsFile: z.string().optional().describe("known_hosts file to verify the host key against (default ~/.ssh/known_hosts)."),
  sudo: z.boolean().default(false),
});

export const DockerTransportSchema = z.strictObject({
  type: z.literal("docker"),
  endpoint: z
    .string()
    .min(1)
    .describe("unix:///var/run/docker.sock, tcp://host:2375, or ssh://user@host (uses the ssh settings of `via`)."),
  container: z.string().optional().describe("Run commands inside this container (for faults that exec)."),
  via: z.string().optional().describe("Name of an ssh target whose connection carries ssh:// endpoints."),
});

export const TransportSchema = z.discriminatedUnion("type", [LocalTransportSchema, SshTransportSchema, DockerTransportSchema]);
export type TransportSpec = z.infer<typeof TransportSchema>;

export const TargetSchema = z.strictObject({
  description: z.string().optional(),
  allowChaos: z.boolean().default(false).describe("Faults are only ever injected into targets that opt in."),
  transport: TransportSchema,
  tools: z.array(z.string()).default([]).describe("Tools known to be on the target (checked in preflight anyway)."),
  labels: z.record(z.string(), z.string()).default({}),
});
export type Target = z.infer<typeof TargetSchema>;

export const ServiceSchema = z.strictObject({
  url: z.string().url(),
  kind: z.enum(["prometheus", "alertmanager", "pushgateway", "loki", "grafana", "dashboard", "http"]).optional(),
  token: SecretRefSchema.optional().describe("Bearer token, resolved from secrets."),
  username: z.string().optional(),
  password: SecretRefSchema.optional(),
});
export type Service = z.infer<typeof ServiceSchema>;

export const CameraSchema = z.strictObject({
  rtsp: z.string().regex(/^rtsps?:\/\//).describe("RTSP URL without credentials, e.g. rtsp://192.168.1.20:554/stream1."),
  credentials: z.strictObject({ username: z.string(), password: SecretRefSchema }).optional(),
  dashboardId: z.string().regex(/^[a-zA-Z0-9_-]{1,100}$/).optional().describe("Camera name in the dashboard's /api/cameras (default: the key)."),
  target: z.string().optional().describe("Target that plays the hub for network faults on this camera."),
});
export type Camera = z.infer<typeof CameraSchema>;

export const InventorySchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1).default(1),
  name: z.string().optional(),
  variables: VariablesSchema.default({}),
  services: z.record(z.string(), ServiceSchema).default({}),
  targets: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), TargetSchema).default({}),
  cameras: z.record(z.string().regex(/^[a-zA-Z0-9_-]{1,100}$/), CameraSchema).default({}),
  safety: z
    .strictObject({
      notWhileAlertFiring: z.boolean().default(false).describe("Refuse to start while any real alert is firing."),
      deadManMargin: DurationSchema.default("60s").describe("Added to each fault's duration before the target's dead-man switch reverts it by itself."),
    })
    .default({ notWhileAlertFiring: false, deadManMargin: "60s" }),
});
export type Inventory = z.infer<typeof InventorySchema>;
