import { durationMs } from "../model/duration";
import type { FaultContext, FaultDriver, PreparedFault, RevertRecord } from "./FaultDriver";
import { exec, execOk, waitUntil } from "./faultExec";
import { netemInjectArgv } from "./netemCommands";
import { refuseSelfHarm, resolveOnTarget } from "./networkGuard";
import { deleteArgv, NETEM_HANDLE, NETEM_PROBE, parseRootQdisc, rootConflict, showArgv } from "./qdisc";
import { injectProxy, planProxy, preparedProxy, proxyActive, proxyGone, revertProxy, type ProxyRecord } from "./tcpDelayProxy";

/**
 * Latency (jitter, loss) with tc netem under our own qdisc handle where the kernel has
 * netem, otherwise the userspace TCP delay proxy. `auto` probes netem at prepare, in a
 * throwaway namespace, and says which one it chose and why.
 */
interface NetemRecord extends RevertRecord {
  method: "netem";
  dev: string;
  handle: string;
  inject: string[][];
}
type LatencyRecord = NetemRecord | (ProxyRecord & { method: "proxy" });

const PRIV = { privileged: true } as const;

async function netemAvailable(ctx: FaultContext): Promise<boolean> {
  return (await exec(ctx, NETEM_PROBE, PRIV)).code === 0;
}

export const networkLatencyDriver: FaultDriver<"network-latency"> = {
  type: "network-latency",
  requiredTools: (fault) => (fault.params.method === "proxy" ? ["node"] : ["tc"]),
  async prepare(ctx, fault) {
    const p = fault.params;
    const delay = durationMs(p.delay);
    const jitter = p.jitter === undefined ? undefined : durationMs(p.jitter);
    let method = p.method;
    if (method === "auto") {
      const netem = await netemAvailable(ctx);
      if (!netem && !p.proxy) throw new Error(`${ctx.targetName}'s kernel has no netem (sch_netem): give params.proxy to use the TCP delay proxy instead`);
      method = netem ? "netem" : "proxy";
      ctx.log(netem ? "netem is available: using tc netem" : "this kernel has no netem: using the TCP delay proxy");
    }
    if (method === "proxy") {
      if (!p.proxy) throw new Error("method proxy needs params.proxy (listen, upstream)");
      const rec = planProxy(ctx, "network-latency", p.proxy.listen, p.proxy.upstream, delay, jitter ?? 0, p.proxy.redirect);
      return preparedProxy(ctx, { ...rec, method: "proxy" } as ProxyRecord, `delay ${p.proxy.upstream} by ${delay}±${jitter ?? 0} ms through a proxy on ${p.proxy.listen} (${ctx.targetName})`);
    }
    const host = p.host === undefined ? undefined : (await resolveOnTarget(ctx, p.host))[0];
    if (host !== undefined) await refuseSelfHarm(ctx, [{ daddr: host, port: p.port, protocol: "tcp" }]);
    const conflict = rootConflict(parseRootQdisc((await execOk(ctx, showArgv(p.interface), PRIV)).stdout), p.interface);
    if (conflict) throw new Error(conflict);
    const inject = netemInjectArgv({ dev: p.interface, delayMs: delay, jitterMs: jitter, correlation: p.correlation, loss: p.loss, host, port: p.port });
    const revertArgv = [deleteArgv(p.interface, NETEM_HANDLE)];
    const revert: NetemRecord = { type: "network-latency", method: "netem", dev: p.interface, handle: NETEM_HANDLE, inject };
    return {
      summary: `netem delay ${delay}${jitter === undefined ? "" : `±${jitter}`} ms on ${p.interface}${p.host ? ` to ${p.host}` : ""} (${ctx.targetName})`,
      commands: inject.map((a) => ctx.transport.render(a, PRIV)),
      revertCommands: revertArgv.map((a) => ctx.transport.render(a, PRIV)),
      revertArgv,
      revert,
      reversible: true,
    } satisfies PreparedFault;
  },
  async inject(ctx, prepared) {
    const rec = prepared.revert as LatencyRecord;
    if (rec.method === "proxy") return injectProxy(ctx, rec);
    for (const argv of rec.inject) await execOk(ctx, argv, PRIV);
  },
  async verifyInjected(ctx, prepared) {
    const rec = prepared.revert as LatencyRecord;
    if (rec.method === "proxy") return proxyActive(ctx, rec);
    return parseRootQdisc((await exec(ctx, showArgv(rec.dev), PRIV)).stdout)?.handle === rec.handle;
  },
  async revert(ctx, record) {
    const rec = record as LatencyRecord;
    if (rec.method === "proxy") return revertProxy(ctx, rec);
    // The kernel refuses unless the root qdisc is ours: "Invalid handle" means someone else's (or none) and is left alone.
    await exec(ctx, deleteArgv(rec.dev, rec.handle), PRIV);
  },
  async verifyReverted(ctx, record) {
    const rec = record as LatencyRecord;
    if (rec.method === "proxy") return proxyGone(ctx, rec);
    return waitUntil(async () => parseRootQdisc((await exec(ctx, showArgv(rec.dev), PRIV)).stdout)?.handle !== rec.handle, 2000, ctx.signal);
  },
};
