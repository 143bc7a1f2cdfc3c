import { posix } from "node:path";
import * as z from "zod";
import type { FaultOf } from "../model/faultSchemas";
import type { FaultContext } from "./FaultDriver";
import { exec, execOk } from "./faultExec";
import { listProcesses } from "./processSelector";

/**
 * How service-stop and service-restart reach a service, chosen per target:
 *
 * - systemd: `systemctl stop|start|restart`, when systemd is PID 1 on the target
 *   (/run/systemd/system exists, as sd_booted(3) checks) and knows the unit.
 * - supervisor: the lab supervisor's hold-file protocol. While `<supervisorDir>/<program>.stopped`
 *   exists the supervisor keeps <program> stopped; removing the file starts it again. The
 *   directory comes from the target's inventory label `supervisorDir` (an absolute path, e.g.
 *   /work/main/lab/.state/run/supervisor). `<supervisorRunDir>/<program>.pid` (label
 *   `supervisorRunDir`, default: the parent of supervisorDir) holds the child's PID while it
 *   runs and is removed when it stops. Our hold file contains the fault's tag, and revert
 *   removes only a hold file holding our tag (the dead-man switch, which cannot read it,
 *   removes it with rm -f).
 * - docker: `docker stop|start|restart` of the container named like the service, with
 *   `docker -H <labels.dockerHost>` when the label is set (e.g. unix:///…/docker.sock).
 *
 * `auto` picks systemd when it is running and knows the unit, else the supervisor when the
 * target has supervisorDir, else refuses.
 */

export type ServiceParams = FaultOf<"service-stop">["params"];

export const ServicePlanSchema = z.discriminatedUnion("manager", [
  z.object({ manager: z.literal("systemd"), service: z.string() }),
  z.object({ manager: z.literal("supervisor"), service: z.string(), holdFile: z.string(), pidFile: z.string() }),
  z.object({ manager: z.literal("docker"), service: z.string(), dockerHost: z.string().optional() }),
]);
export type ServicePlan = z.infer<typeof ServicePlanSchema>;

/** How long a service may take to stop or come back before verification fails. */
export const SERVICE_TIMEOUT_MS = 30_000;

export function requiredServiceTools(params: ServiceParams): string[] {
  switch (params.manager) {
    case "systemd":
      return ["systemctl"];
    case "docker":
      return ["docker"];
    case "supervisor":
    case "auto":
      return ["cat", "mkdir", "tee", "rm", "ps"];
  }
}

function supervisorPlan(ctx: FaultContext, service: string): ServicePlan {
  const dir = ctx.target.labels.supervisorDir;
  if (dir === undefined) throw new Error(`target ${ctx.targetName} has no labels.supervisorDir: cannot stop ${service} through the supervisor`);
  if (!posix.isAbsolute(dir)) throw new Error(`labels.supervisorDir of ${ctx.targetName} must be an absolute path, not ${dir}`);
  const runDir = ctx.target.labels.supervisorRunDir ?? posix.dirname(dir);
  if (!posix.isAbsolute(runDir)) throw new Error(`labels.supervisorRunDir of ${ctx.targetName} must be an absolute path, not ${runDir}`);
  return { manager: "supervisor", service, holdFile: posix.join(dir, `${service}.stopped`), pidFile: posix.join(runDir, `${service}.pid`) };
}

/** Decides the manager (reads only). */
export async function resolveService(ctx: FaultContext, params: ServiceParams): Promise<ServicePlan> {
  const service = params.service;
  switch (params.manager) {
    case "systemd":
      return { manager: "systemd", service };
    case "supervisor":
      return supervisorPlan(ctx, service);
    case "docker":
      return { manager: "docker", service, ...(ctx.target.labels.dockerHost === undefined ? {} : { dockerHost: ctx.target.labels.dockerHost }) };
    case "auto": {
      const booted = (await exec(ctx, ["test", "-d", "/run/systemd/system"])).code === 0;
      if (booted && (await exec(ctx, ["systemctl", "cat", "--", `${service}`])).code === 0) return { manager: "systemd", service };
      if (ctx.target.labels.supervisorDir !== undefined) return supervisorPlan(ctx, service);
      throw new Error(`${ctx.targetName}: ${service} is not a systemd unit there and the target has no labels.supervisorDir`);
    }
  }
}

export interface ServiceCommand {
  argv: string[];
  stdin?: string;
}

export function dockerArgv(plan: { dockerHost?: string | undefined }, ...rest: string[]): string[] {
  return ["docker", ...(plan.dockerHost === undefined ? [] : ["-H", plan.dockerHost]), ...rest];
}

export function stopCommands(plan: ServicePlan, tag: string): ServiceCommand[] {
  switch (plan.manager) {
    case "systemd":
      return [{ argv: ["systemctl", "stop", "--", plan.service] }];
    case "supervisor":
      // The supervisor only looks for the file, it does not create its directory. tee writes
      // the hold file without a shell redirection; its content is our tag.
      return [{ argv: ["mkdir", "-p", "--", posix.dirname(plan.holdFile)] }, { argv: ["tee", "--", plan.holdFile], stdin: `${tag}\n` }];
    case "docker":
      return [{ argv: dockerArgv(plan, "stop", "--", plan.service) }];
  }
}

export function startCommand(plan: ServicePlan): ServiceCommand {
  switch (plan.manager) {
    case "systemd":
      return { argv: ["systemctl", "start", "--", plan.service] };
    case "supervisor":
      return { argv: ["rm", "-f", "--", plan.holdFile] };
    case "docker":
      return { argv: dockerArgv(plan, "start", "--", plan.service) };
  }
}

/** The service's running main PID (or container id), undefined when it is not running. */
export async function runningInstance(ctx: FaultContext, plan: ServicePlan): Promise<string | undefined> {
  switch (plan.manager) {
    case "systemd": {
      const r = await exec(ctx, ["systemctl", "show", "--property=MainPID", "--value", "--", plan.service]);
      const pid = r.stdout.trim();
      return r.code === 0 && /^\d+$/.test(pid) && pid !== "0" ? pid : undefined;
    }
    case "supervisor": {
      const r = await exec(ctx, ["cat", "--", plan.pidFile]);
      const pid = r.stdout.trim();
      if (r.code !== 0 || !/^\d+$/.test(pid)) return undefined;
      const alive = (await listProcesses(ctx)).some((p) => String(p.pid) === pid && !p.stat.startsWith("Z"));
      return alive ? pid : undefined;
    }
    case "docker": {
      const r = await exec(ctx, dockerArgv(plan, "inspect", "--format", "{{.State.Running}} {{.State.StartedAt}}", "--", plan.service));
      const [running, startedAt] = r.stdout.trim().split(" ");
      return r.code === 0 && running === "true" ? startedAt : undefined;
    }
  }
}

/** The hold file's content when it exists (supervisor only). */
export async function holdFileTag(ctx: FaultContext, plan: ServicePlan): Promise<string | undefined> {
  if (plan.manager !== "supervisor") return undefined;
  const r = await exec(ctx, ["cat", "--", plan.holdFile]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export async function runServiceCommands(ctx: FaultContext, commands: readonly ServiceCommand[]): Promise<void> {
  for (const c of commands) await execOk(ctx, c.argv, { privileged: true, ...(c.stdin === undefined ? {} : { stdin: c.stdin }) });
}

export function renderServiceCommand(ctx: FaultContext, command: ServiceCommand): string {
  const line = ctx.transport.render(command.argv, { privileged: true });
  return command.stdin === undefined ? line : `${line}  (stdin: ${JSON.stringify(command.stdin)})`;
}

/** Puts the service back: removes our hold file (never someone else's), or starts the unit or container. */
export async function ensureStarted(ctx: FaultContext, plan: ServicePlan, tag: string): Promise<void> {
  if (plan.manager === "supervisor") {
    const holder = await holdFileTag(ctx, plan);
    if (holder === undefined) return;
    if (holder !== tag) throw new Error(`${plan.holdFile} on ${ctx.targetName} was not created by this fault (it holds ${JSON.stringify(holder)}): left in place`);
  }
  await runServiceCommands(ctx, [startCommand(plan)]);
}

export async function isBackUp(ctx: FaultContext, plan: ServicePlan): Promise<boolean> {
  if (plan.manager === "supervisor" && (await holdFileTag(ctx, plan)) !== undefined) return false;
  return (await runningInstance(ctx, plan)) !== undefined;
}
