import * as z from "zod";
import { DurationSchema } from "./duration";

/**
 * One schema per fault type. The experiment schema is their discriminated union, so an
 * editor gets completion for each type's own parameters, and a typo in a parameter is an
 * error at its line rather than something silently ignored at run time.
 */

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional().describe("Stable id of this fault within the experiment (default: <type>-<index>)."),
  target: z.string().min(1).describe("Target name from the inventory; it must have allowChaos: true."),
  duration: DurationSchema.default(0).describe("How long the fault stays injected before it is reverted (0: instantaneous)."),
  description: z.string().optional(),
};

const signalSchema = z
  .string()
  .regex(/^(SIG)?(KILL|TERM|INT|HUP|QUIT|USR1|USR2|STOP|CONT|ABRT)$/)
  .default("SIGKILL");

/** Exactly one way to find the victim process. */
const processSelector = {
  pattern: z.string().min(1).optional().describe("Match against the full command line (like pgrep -f), taken literally, not as a regex."),
  pidFile: z.string().min(1).optional(),
  unit: z.string().min(1).optional().describe("systemd unit whose main PID is the victim."),
};
const oneSelector = (p: { pattern?: string | undefined; pidFile?: string | undefined; unit?: string | undefined }) =>
  [p.pattern, p.pidFile, p.unit].filter((v) => v !== undefined).length === 1;
const selectorMessage = { message: "give exactly one of pattern, pidFile, unit" };

export const ProcessKillFaultSchema = z.strictObject({
  ...common,
  type: z.literal("process-kill"),
  params: z.strictObject({ ...processSelector, signal: signalSchema }).refine(oneSelector, selectorMessage),
});

export const ProcessPauseFaultSchema = z.strictObject({
  ...common,
  type: z.literal("process-pause"),
  params: z.strictObject({ ...processSelector }).refine(oneSelector, selectorMessage),
});

const serviceParams = {
  service: z.string().regex(/^[A-Za-z0-9_.@-]+$/).describe("systemd unit, or the lab supervisor's program name."),
  manager: z.enum(["auto", "systemd", "supervisor", "docker"]).default("auto"),
};
export const ServiceStopFaultSchema = z.strictObject({
  ...common,
  type: z.literal("service-stop"),
  params: z.strictObject(serviceParams),
});
export const ServiceRestartFaultSchema = z.strictObject({
  ...common,
  type: z.literal("service-restart"),
  params: z.strictObject(serviceParams),
});

const hostPort = {
  host: z.string().min(1).describe("IPv4 address or hostname (resolved once, before injection)."),
  port: z.number().int().min(1).max(65535).optional(),
  protocol: z.enum(["tcp", "udp", "all"]).default("tcp"),
};
export const NetworkBlackholeFaultSchema = z.strictObject({
  ...common,
  type: z.literal("network-blackhole"),
  params: z.strictObject({ ...hostPort, action: z.enum(["drop", "reject"]).default("drop") }),
});
export const NetworkLossFaultSchema = z.strictObject({
  ...common,
  type: z.literal("network-loss"),
  params: z.strictObject({ ...hostPort, percent: z.number().min(0).max(100) }),
});
export const NetworkLatencyFaultSchema = z.strictObject({
  ...common,
  type: z.literal("network-latency"),
  params: z.strictObject({
    method: z.enum(["auto", "netem", "proxy"]).default("auto").describe("netem where the kernel has it; a userspace TCP delay proxy otherwise."),
    interface: z.string().regex(/^[A-Za-z0-9_.:-]{1,15}$/).default("lo"),
    host: z.string().optional(),
    port: z.number().int().min(1).max(65535).optional(),
    delay: DurationSchema,
    jitter: DurationSchema.optional(),
    correlation: z.number().min(0).max(100).optional(),
    loss: z.number().min(0).max(100).optional(),
    proxy: z
      .strictObject({
        listen: z.string().describe("host:port the proxy listens on"),
        upstream: z.string().describe("host:port it forwards to"),
        redirect: z.boolean().default(true).describe("Redirect traffic for upstream to the proxy with a NAT rule (needs root)."),
      })
      .optional(),
  }),
});
export const NetworkBandwidthFaultSchema = z.strictObject({
  ...common,
  type: z.literal("network-bandwidth"),
  params: z.strictObject({
    interface: z.string().regex(/^[A-Za-z0-9_.:-]{1,15}$/),
    rate: z.string().regex(/^\d+(?:\.\d+)?(?:bit|kbit|mbit|gbit)$/),
    burst: z.string().regex(/^\d+(?:k|m|b)?$/).default("32k"),
    latency: DurationSchema.default("400ms"),
  }),
});

export const StorageFillFaultSchema = z.strictObject({
  ...common,
  type: z.literal("storage-fill"),
  params: z
    .strictObject({
      path: z.string().min(1).describe("A directory on the volume to fill; the filler file is created inside it."),
      percent: z.number().min(1).max(100).optional().describe("Fill until the volume is this full."),
      leaveFree: z.string().regex(/^\d+(?:[KMG]i?B?)?$/).optional().describe("Fill until only this much is free, e.g. 10MiB."),
      safetyFloor: z.string().regex(/^\d+(?:[KMG]i?B?)?$/).default("0").describe("Refuse to leave less than this free."),
      maxFill: z
        .string()
        .regex(/^\d+(?:[KMG]i?B?)?$/)
        .optional()
        .describe("Refuse to write more than this: if `path` is not on the volume you meant (an unmounted tmpfs), the root disk is not filled."),
    })
    .refine((p) => (p.percent === undefined) !== (p.leaveFree === undefined), { message: "give exactly one of percent, leaveFree" }),
});
export const StorageBlockFaultSchema = z.strictObject({
  ...common,
  type: z.literal("storage-block"),
  params: z.strictObject({ path: z.string().min(1).describe("Directory whose permissions are removed; its exact mode and owner are restored.") }),
});

export const CpuStressFaultSchema = z.strictObject({
  ...common,
  type: z.literal("cpu-stress"),
  params: z.strictObject({
    workers: z.number().int().min(1).max(64).default(1),
    load: z.number().int().min(1).max(100).default(80),
  }),
});
export const MemoryStressFaultSchema = z.strictObject({
  ...common,
  type: z.literal("memory-stress"),
  params: z.strictObject({
    size: z.string().regex(/^\d+(?:[KMG]i?B?|%)$/).describe("Memory to hold, e.g. 256MiB or 30%."),
    workers: z.number().int().min(1).max(16).default(1),
  }),
});

export const WebhookDropFaultSchema = z.strictObject({
  ...common,
  type: z.literal("webhook-drop"),
  params: z.strictObject({
    endpoints: z.array(z.string().url()).min(1).describe("Webhook URLs (Slack, pager) to make unreachable from the target."),
    action: z.enum(["drop", "reject"]).default("reject"),
  }),
});
export const SmtpDelayFaultSchema = z.strictObject({
  ...common,
  type: z.literal("smtp-delay"),
  params: z.strictObject({
    mode: z.enum(["delay", "refuse"]).default("delay"),
    server: z.string().describe("host:port of the SMTP server Alertmanager sends to."),
    delay: DurationSchema.default("30s"),
    relay: z.string().optional().describe("host:port for the delaying relay to listen on (delay mode)."),
  }),
});

const containerParams = { container: z.string().min(1).describe("Container name or id on the target's Docker endpoint.") };
export const ContainerFaultSchema = z.strictObject({
  ...common,
  type: z.literal("container"),
  params: z.strictObject({
    ...containerParams,
    action: z.enum(["kill", "stop", "pause", "restart", "disconnect"]),
    signal: z.string().optional(),
    network: z.string().optional().describe("Network to disconnect from (action: disconnect)."),
  }),
});

export const CustomFaultSchema = z.strictObject({
  ...common,
  type: z.literal("custom"),
  params: z.strictObject({
    inject: z.array(z.string()).min(1).describe("argv run to inject; never passed through a shell."),
    revert: z.array(z.string()).min(1),
    verify: z.array(z.string()).optional().describe("argv that exits 0 while the fault is active."),
    confirm: z.literal(true).describe("Custom commands run only with explicit confirmation."),
  }),
});

export const FaultSchema = z.discriminatedUnion("type", [
  ProcessKillFaultSchema,
  ProcessPauseFaultSchema,
  ServiceStopFaultSchema,
  ServiceRestartFaultSchema,
  NetworkBlackholeFaultSchema,
  NetworkLossFaultSchema,
  NetworkLatencyFaultSchema,
  NetworkBandwidthFaultSchema,
  StorageFillFaultSchema,
  StorageBlockFaultSchema,
  CpuStressFaultSchema,
  MemoryStressFaultSchema,
  WebhookDropFaultSchema,
  SmtpDelayFaultSchema,
  ContainerFaultSchema,
  CustomFaultSchema,
]);
export type Fault = z.infer<typeof FaultSchema>;
export type FaultType = Fault["type"];
export type FaultOf<T extends FaultType> = Extract<Fault, { type: T }>;
