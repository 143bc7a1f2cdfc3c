import { posix } from "node:path";
import * as z from "zod";
import type { FaultContext, FaultDriver, PreparedFault } from "./FaultDriver";
import { exec, execOk } from "./faultExec";
import { formatBytes, parseSize } from "./sizes";

/**
 * storage-fill: fills the volume holding `path` with one filler file,
 * `<path>/.surveillance-chaos-fill-<tag>`, until the volume is `percent` full (df's Use%:
 * used / (used + available)) or only `leaveFree` is available. It refuses when that would
 * leave less than `safetyFloor`, when the volume is already that full, and when the filler
 * exists already. The space is allocated with fallocate (instant, no data written) or, where
 * the filesystem or target lacks it, written with dd. Revert deletes that one file, nothing else.
 */

const RecordSchema = z.object({
  type: z.literal("storage-fill"),
  file: z.string(),
  bytes: z.number().int().positive(),
  /** Available bytes expected once filled: verification allows a little slack around it. */
  targetAvail: z.number().int().nonnegative(),
  method: z.enum(["fallocate", "dd"]),
});
type FillRecord = z.infer<typeof RecordSchema>;

export interface VolumeUsage {
  size: number;
  used: number;
  avail: number;
}

/** df -P (POSIX format) in 1-byte blocks: "Filesystem 1-blocks Used Available Capacity Mounted on". */
export function parseDf(output: string): VolumeUsage {
  const line = output.trim().split("\n")[1];
  const fields = line?.trim().split(/\s+/) ?? [];
  const [size, used, avail] = fields.slice(1, 4).map(Number);
  if (size === undefined || used === undefined || avail === undefined || [size, used, avail].some((n) => !Number.isFinite(n))) {
    throw new Error(`cannot read df output: ${JSON.stringify(output.slice(0, 200))}`);
  }
  return { size, used, avail };
}

async function usage(ctx: FaultContext, path: string): Promise<VolumeUsage> {
  return parseDf((await execOk(ctx, ["df", "-P", "-B1", "--", path])).stdout);
}

/** How many bytes to allocate, or why not. Pure, so the refusal logic is unit-tested. */
export function planFill(
  vol: VolumeUsage,
  goal: { percent?: number | undefined; leaveFree?: string | undefined },
  safetyFloor: string,
  maxFill?: string,
): { bytes: number; targetAvail: number } {
  const targetAvail =
    goal.percent !== undefined ? Math.floor(((vol.used + vol.avail) * (100 - goal.percent)) / 100) : parseSize(goal.leaveFree ?? "0");
  const floor = parseSize(safetyFloor);
  if (targetAvail < floor) {
    throw new Error(`filling would leave ${formatBytes(targetAvail)} free, below the safety floor of ${formatBytes(floor)}`);
  }
  const bytes = vol.avail - targetAvail;
  if (bytes <= 0) throw new Error(`the volume has ${formatBytes(vol.avail)} free already, not more than the ${formatBytes(targetAvail)} to leave`);
  if (maxFill !== undefined && bytes > parseSize(maxFill)) {
    throw new Error(`filling would write ${formatBytes(bytes)}, more than maxFill ${formatBytes(parseSize(maxFill))}: is the path on the volume you meant?`);
  }
  return { bytes, targetAvail };
}

export function fillArgv(r: Pick<FillRecord, "file" | "bytes" | "method">): string[] {
  return r.method === "fallocate"
    ? ["fallocate", "-l", String(r.bytes), "--", r.file]
    : ["dd", "if=/dev/zero", `of=${r.file}`, "bs=1M", `count=${r.bytes}`, "iflag=count_bytes", "conv=fsync"];
}

export const fillerName = (tag: string): string => `.surveillance-chaos-fill-${tag}`;

export const storageFillDriver: FaultDriver<"storage-fill"> = {
  type: "storage-fill",
  requiredTools: () => ["df", "test", "rm"],
  async prepare(ctx, fault): Promise<PreparedFault> {
    const { path, percent, leaveFree, safetyFloor, maxFill } = fault.params;
    if (!posix.isAbsolute(path)) throw new Error(`storage-fill path must be absolute: ${path}`);
    if ((await exec(ctx, ["test", "-d", path])).code !== 0) throw new Error(`${path} is not a directory on ${ctx.targetName}`);
    const file = posix.join(path, fillerName(ctx.tag));
    if ((await exec(ctx, ["test", "-e", file])).code === 0) throw new Error(`${file} exists already on ${ctx.targetName}`);
    const vol = await usage(ctx, path);
    const { bytes, targetAvail } = planFill(vol, { percent, leaveFree }, safetyFloor, maxFill);
    const method = (await ctx.transport.hasCommand("fallocate")) ? "fallocate" : "dd";
    const record: FillRecord = { type: "storage-fill", file, bytes, targetAvail, method };
    return {
      summary: `fill ${path} on ${ctx.targetName} with ${formatBytes(bytes)} (${formatBytes(vol.avail)} free → ${formatBytes(targetAvail)})`,
      commands: [ctx.transport.render(fillArgv(record), { privileged: true })],
      revertCommands: [ctx.transport.render(["rm", "-f", "--", file], { privileged: true })],
      revertArgv: [["rm", "-f", "--", file]],
      revert: record,
      reversible: true,
    };
  },
  async inject(ctx, prepared) {
    const r = RecordSchema.parse(prepared.revert);
    const timeoutMs = r.method === "dd" ? 600_000 : 60_000;
    const result = await exec(ctx, fillArgv(r), { privileged: true, timeoutMs });
    if (result.code === 0) return;
    // Filesystems without fallocate support (some network and FUSE ones): write the bytes instead.
    if (r.method === "fallocate") {
      ctx.log(`fallocate failed (${result.stderr.trim()}), writing with dd`);
      await execOk(ctx, fillArgv({ ...r, method: "dd" }), { privileged: true, timeoutMs: 600_000 });
      return;
    }
    throw new Error(`${ctx.transport.render(fillArgv(r))}: ${result.stderr.trim()}`);
  },
  async verifyInjected(ctx, prepared) {
    const r = RecordSchema.parse(prepared.revert);
    if ((await exec(ctx, ["test", "-f", r.file])).code !== 0) return false;
    const vol = await usage(ctx, posix.dirname(r.file));
    // Other writers and filesystem metadata move the figure a little: allow 1% of the volume or 1 MiB.
    return vol.avail <= r.targetAvail + Math.max(vol.size / 100, 1024 * 1024);
  },
  async revert(ctx, record) {
    const r = RecordSchema.parse(record);
    await execOk(ctx, ["rm", "-f", "--", r.file], { privileged: true });
  },
  async verifyReverted(ctx, record) {
    const r = RecordSchema.parse(record);
    return (await exec(ctx, ["test", "-e", r.file])).code !== 0;
  },
};
