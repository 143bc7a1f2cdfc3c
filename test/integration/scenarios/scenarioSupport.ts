import * as z from "zod";
import { getFaultDriver } from "../../../src/engine/faults/faultRegistry";
import type { FaultContext, PreparedFault, RevertRecord } from "../../../src/engine/faults/FaultDriver";
import type { Fault } from "../../../src/engine/model/faultSchemas";
import { InventorySchema } from "../../../src/engine/model/inventorySchema";
import { createTransportPool } from "../../../src/engine/transports/transportPool";
import type { TransportPool } from "../../../src/engine/transports/Transport";
import { labPorts, labUrl } from "../../../lab/ports.js";

export const quiet = (): undefined => undefined;
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds since `t0`, for the timelines each scenario prints. */
export const since = (t0: number) => Math.round(performance.now() - t0);

/** Polls until `probe` returns a value (not undefined) or fails naming `what` after timeoutMs. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as unknown;
}

const CamerasAnswer = z.object({
  cameras: z.array(z.object({ name: z.string(), status: z.object({ connected: z.boolean(), error: z.string().optional() }) })),
});

/** camera name → connected, as the dashboard's /api/cameras reports it. */
export async function cameraStates(): Promise<Map<string, boolean>> {
  const parsed = CamerasAnswer.parse(await getJson(labUrl(labPorts.dashboard, "/api/cameras")));
  return new Map(parsed.cameras.map((c) => [c.name, c.status.connected]));
}

const Alert = z.object({ status: z.string(), labels: z.record(z.string(), z.string()) });
const WebhookRecords = z.object({
  records: z.array(z.object({ time: z.string(), path: z.string(), body: z.object({ status: z.string(), receiver: z.string(), alerts: z.array(Alert) }) })),
});

/** The first webhook POST to `path` since `sinceMs` (epoch) carrying `alertname` with `status` and the given labels. */
export async function webhookRecord(path: string, sinceMs: number, alertname: string, status: "firing" | "resolved", labels: Record<string, string> = {}) {
  const r = WebhookRecords.parse(await getJson(labUrl(labPorts.sinksHttp, `/api/records?path=${encodeURIComponent(path)}&since=${sinceMs}`)));
  const matches = (a: z.infer<typeof Alert>) => a.labels.alertname === alertname && Object.entries(labels).every(([k, v]) => a.labels[k] === v);
  return r.records.find((rec) => rec.body.status === status && rec.body.alerts.some((a) => a.status === status && matches(a)));
}

const SlackRecords = z.object({
  records: z.array(z.object({ time: z.string(), body: z.object({ channel: z.string(), attachments: z.array(z.object({ title: z.string() })) }) })),
});

/** The first Slack message on the sink since `sinceMs` whose title names `alertname` as firing (Alertmanager's Slack payload). */
export async function firingSlackMessage(sinceMs: number, alertname: string) {
  const r = SlackRecords.parse(await getJson(labUrl(labPorts.sinksHttp, `/api/records?path=/slack&since=${sinceMs}`)));
  return r.records.find((rec) => rec.body.attachments.some((a) => a.title.startsWith("[FIRING") && a.title.includes(alertname)));
}

export const MailRecords = z.object({
  records: z.array(z.object({ time: z.string(), envelope: z.object({ from: z.string(), to: z.array(z.string()) }), subject: z.string().nullable() })),
});

/** The first mail since `sinceMs` whose subject names `alertname` as firing (Alertmanager's "[FIRING:n] …" subject). */
export async function firingMail(sinceMs: number, alertname: string) {
  const r = MailRecords.parse(await getJson(labUrl(labPorts.sinksHttp, `/api/mail?since=${sinceMs}`)));
  return r.records.find((m) => (m.subject ?? "").startsWith("[FIRING") && (m.subject ?? "").includes(alertname));
}

const PromAlerts = z.object({ data: z.object({ alerts: z.array(z.object({ state: z.string(), labels: z.record(z.string(), z.string()) })) }) });

/** Prometheus' own view: alerts named `alertname` in state `firing` (GET /api/v1/alerts). */
export async function firingInPrometheus(alertname: string): Promise<Record<string, string>[]> {
  const r = PromAlerts.parse(await getJson(labUrl(labPorts.prometheus, "/api/v1/alerts")));
  return r.data.alerts.filter((a) => a.state === "firing" && a.labels.alertname === alertname).map((a) => a.labels);
}

/** Sum of every sample of `metric` on a Prometheus text page (all label sets). */
export async function metricSum(url: string, metric: string): Promise<number> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  let sum = 0;
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m?.[1] === metric) sum += Number(m[2]);
  }
  return sum;
}

/** Waits until `metric` (summed over its series) on `url` is above `from`; returns the new sum. */
export function metricRisesAbove(url: string, metric: string, from: number, timeoutMs: number): Promise<number> {
  return eventually(
    `${metric} to rise above ${from}`,
    async () => {
      const v = await metricSum(url, metric);
      return v > from ? v : undefined;
    },
    timeoutMs,
  );
}

/**
 * A fault injected through the engine's own driver on the local "hub" target, exactly as
 * a run would: prepare → inject → verifyInjected, and a revert that is safe to call twice
 * (tests call it in their body and again in `after`, so a failed assertion leaves nothing).
 */
export interface InjectedFault {
  prepared: PreparedFault;
  revert(): Promise<boolean>;
}

export function hubFaults(tagPrefix: string): { inject(fault: Fault): Promise<InjectedFault>; close(): Promise<void> } {
  const inventory = InventorySchema.parse({ targets: { hub: { allowChaos: true, transport: { type: "local" } } } });
  const pool: TransportPool = createTransportPool(inventory, async () => undefined);
  const target = inventory.targets.hub!;
  return {
    async inject(fault) {
      const driver = getFaultDriver(fault.type);
      const ctx: FaultContext = {
        transport: await pool.get("hub"),
        targetName: "hub",
        target,
        tag: `${tagPrefix}-${process.pid}`,
        signal: new AbortController().signal,
        // The Prometheus that watches the scenario must never be cut by it.
        protect: [{ host: "127.0.0.1", port: labPorts.prometheus }],
        log: quiet,
      };
      const prepared = await driver.prepare(ctx, fault);
      let record: RevertRecord | undefined = prepared.revert;
      try {
        await driver.inject(ctx, prepared);
        if (!(await driver.verifyInjected(ctx, prepared))) throw new Error(`${prepared.summary}: not in place after inject`);
      } catch (err) {
        // Half an injection is still ours to undo.
        await driver.revert(ctx, prepared.revert);
        throw err;
      }
      return {
        prepared,
        async revert() {
          if (record === undefined) return true;
          await driver.revert(ctx, record);
          const gone = await driver.verifyReverted(ctx, record);
          if (gone) record = undefined;
          return gone;
        },
      };
    },
    close: () => pool.closeAll(),
  };
}
