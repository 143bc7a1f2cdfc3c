import * as z from "zod";
import type { FaultDriver, PreparedFault } from "./FaultDriver";
import { waitUntil } from "./faultExec";
import {
  SERVICE_TIMEOUT_MS,
  ServicePlanSchema,
  ensureStarted,
  holdFileTag,
  isBackUp,
  renderServiceCommand,
  requiredServiceTools,
  resolveService,
  runServiceCommands,
  runningInstance,
  startCommand,
  stopCommands,
} from "./serviceManager";

/**
 * service-stop: stops a service (systemd, the lab supervisor's hold file, or a container; see
 * serviceManager.ts) for the fault's duration, then starts it again. Refused when the service
 * is not running: revert would otherwise start something that was down on purpose.
 */

const RecordSchema = z.object({ type: z.literal("service-stop"), plan: ServicePlanSchema, tag: z.string() });

export const serviceStopDriver: FaultDriver<"service-stop"> = {
  type: "service-stop",
  requiredTools: (fault) => requiredServiceTools(fault.params),
  async prepare(ctx, fault): Promise<PreparedFault> {
    const plan = await resolveService(ctx, fault.params);
    const instance = await runningInstance(ctx, plan);
    if (instance === undefined) throw new Error(`${plan.service} is not running on ${ctx.targetName} (${plan.manager}): nothing to stop`);
    const holder = await holdFileTag(ctx, plan);
    if (holder !== undefined) throw new Error(`${plan.service} on ${ctx.targetName} already has a hold file (${JSON.stringify(holder)})`);
    return {
      summary: `stop ${plan.service} (${plan.manager}, running as ${instance}) on ${ctx.targetName}`,
      commands: stopCommands(plan, ctx.tag).map((c) => renderServiceCommand(ctx, c)),
      revertCommands: [renderServiceCommand(ctx, startCommand(plan))],
      revertArgv: [startCommand(plan).argv],
      revert: { type: "service-stop", plan, tag: ctx.tag },
      reversible: true,
    };
  },
  async inject(ctx, prepared) {
    const { plan, tag } = RecordSchema.parse(prepared.revert);
    await runServiceCommands(ctx, stopCommands(plan, tag));
  },
  async verifyInjected(ctx, prepared) {
    const { plan } = RecordSchema.parse(prepared.revert);
    return waitUntil(async () => (await runningInstance(ctx, plan)) === undefined, SERVICE_TIMEOUT_MS, ctx.signal, 100);
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
