import * as z from "zod";
import type { FaultDriver, PreparedFault } from "./FaultDriver";
import { waitUntil } from "./faultExec";
import {
  SERVICE_TIMEOUT_MS,
  ServicePlanSchema,
  dockerArgv,
  ensureStarted,
  isBackUp,
  renderServiceCommand,
  requiredServiceTools,
  resolveService,
  runServiceCommands,
  runningInstance,
  startCommand,
  stopCommands,
  type ServiceCommand,
  type ServicePlan,
} from "./serviceManager";

/**
 * service-restart: restarts a service and verifies that a new instance (another main PID or
 * container start time) runs. Under the lab supervisor a restart is a stop (hold file) then a
 * start (hold file removed). It is journaled as reversible so that a runner that dies between
 * the two leaves a record the sweep uses to remove the hold file.
 */

const RecordSchema = z.object({
  type: z.literal("service-restart"),
  plan: ServicePlanSchema,
  tag: z.string(),
  before: z.string().nullable(),
});

/** The commands in two steps: the second (supervisor only) runs once the first has taken effect. */
function restartSteps(plan: ServicePlan, tag: string): [ServiceCommand[], ServiceCommand[]] {
  switch (plan.manager) {
    case "systemd":
      return [[{ argv: ["systemctl", "restart", "--", plan.service] }], []];
    case "docker":
      return [[{ argv: dockerArgv(plan, "restart", "--", plan.service) }], []];
    case "supervisor":
      return [stopCommands(plan, tag), [startCommand(plan)]];
  }
}

export const serviceRestartDriver: FaultDriver<"service-restart"> = {
  type: "service-restart",
  requiredTools: (fault) => requiredServiceTools(fault.params),
  async prepare(ctx, fault): Promise<PreparedFault> {
    const plan = await resolveService(ctx, fault.params);
    const before = (await runningInstance(ctx, plan)) ?? null;
    return {
      summary: `restart ${plan.service} (${plan.manager}${before === null ? ", not running" : `, running as ${before}`}) on ${ctx.targetName}`,
      commands: restartSteps(plan, ctx.tag).flat().map((c) => renderServiceCommand(ctx, c)),
      revertCommands: [renderServiceCommand(ctx, startCommand(plan))],
      revertArgv: [startCommand(plan).argv],
      revert: { type: "service-restart", plan, tag: ctx.tag, before },
      reversible: true,
    };
  },
  async inject(ctx, prepared) {
    const { plan, tag, before } = RecordSchema.parse(prepared.revert);
    const [first, second] = restartSteps(plan, tag);
    await runServiceCommands(ctx, first);
    if (second.length > 0) {
      // Supervisor: the start must wait until the stop has happened, or the supervisor never sees the hold.
      const stopped = await waitUntil(async () => (await runningInstance(ctx, plan)) === undefined || before === null, SERVICE_TIMEOUT_MS, ctx.signal, 100);
      await runServiceCommands(ctx, second);
      if (!stopped) throw new Error(`${plan.service} on ${ctx.targetName} did not stop within ${SERVICE_TIMEOUT_MS} ms`);
    }
  },
  async verifyInjected(ctx, prepared) {
    const { plan, before } = RecordSchema.parse(prepared.revert);
    return waitUntil(async () => {
      const now = await runningInstance(ctx, plan);
      return now !== undefined && now !== before;
    }, SERVICE_TIMEOUT_MS, ctx.signal, 100);
  },
  async revert(ctx, record) {
    const { plan, tag } = RecordSchema.parse(record);
    await ensureStarted(ctx, plan, tag);
  },
  async verifyReverted(ctx, record) {
    const { plan } = RecordSchema.parse(record);
    return waitUntil(() => isBackUp(ctx, plan), SERVICE_TIMEOUT_MS, ctx.signal, 100);
  },
};
