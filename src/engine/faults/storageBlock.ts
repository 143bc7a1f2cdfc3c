import { posix } from "node:path";
import * as z from "zod";
import type { FaultContext, FaultDriver, PreparedFault } from "./FaultDriver";
import { execOk } from "./faultExec";

/**
 * storage-block: removes every permission from a directory (chmod 000) so that writers
 * (recordings, Prometheus' TSDB, promtail's positions) fail. Its exact mode (special bits
 * included) and owner are recorded first with stat, and revert restores both. Processes
 * running as root ignore permissions (CAP_DAC_OVERRIDE): the block bites non-root services.
 * Refused on a directory that already has mode 000 (perhaps ours, left by a crash: the
 * sweep restores that one from its journal record).
 */

/** Permission bits only: chmod 000 leaves a directory's set-id bits, which do not grant access. */
const permissions = (mode: string): number => Number.parseInt(mode, 8) & 0o777;

const RecordSchema = z.object({
  type: z.literal("storage-block"),
  path: z.string(),
  mode: z.string().regex(/^[0-7]{1,4}$/),
  uid: z.number().int().nonnegative(),
  gid: z.number().int().nonnegative(),
});
type BlockRecord = z.infer<typeof RecordSchema>;

export interface DirState {
  mode: string;
  uid: number;
  gid: number;
  isDirectory: boolean;
}

/** stat -c '%a %u %g %F': octal mode, owner ids, then the file type (may contain spaces). */
export function parseStat(output: string): DirState {
  const m = /^([0-7]+) (\d+) (\d+) (.+)$/.exec(output.trim());
  if (!m) throw new Error(`cannot read stat output: ${JSON.stringify(output.slice(0, 200))}`);
  return { mode: m[1] ?? "", uid: Number(m[2]), gid: Number(m[3]), isDirectory: m[4] === "directory" };
}

async function dirState(ctx: FaultContext, path: string): Promise<DirState> {
  return parseStat((await execOk(ctx, ["stat", "-c", "%a %u %g %F", "--", path])).stdout);
}

/**
 * chown first: changing the owner may clear set-id bits, which the chmod then puts back. The
 * mode is written with five digits because GNU chmod keeps a directory's set-id bits for
 * shorter numeric modes, and the restore must be exact either way.
 */
export function restoreArgvs(r: BlockRecord): string[][] {
  return [
    ["chown", `${r.uid}:${r.gid}`, "--", r.path],
    ["chmod", r.mode.padStart(5, "0"), "--", r.path],
  ];
}

export const blockArgv = (path: string): string[] => ["chmod", "000", "--", path];

export const storageBlockDriver: FaultDriver<"storage-block"> = {
  type: "storage-block",
  requiredTools: () => ["stat", "chmod", "chown"],
  async prepare(ctx, fault): Promise<PreparedFault> {
    const path = fault.params.path;
    if (!posix.isAbsolute(path)) throw new Error(`storage-block path must be absolute: ${path}`);
    const state = await dirState(ctx, path);
    if (!state.isDirectory) throw new Error(`${path} on ${ctx.targetName} is not a directory`);
    if (permissions(state.mode) === 0) throw new Error(`${path} on ${ctx.targetName} has mode 000 already`);
    const record: BlockRecord = { type: "storage-block", path, mode: state.mode, uid: state.uid, gid: state.gid };
    return {
      summary: `chmod 000 ${path} on ${ctx.targetName} (was ${state.mode}, owner ${state.uid}:${state.gid})`,
      commands: [ctx.transport.render(blockArgv(path), { privileged: true })],
      revertCommands: restoreArgvs(record).map((a) => ctx.transport.render(a, { privileged: true })),
      revertArgv: restoreArgvs(record),
      revert: record,
      reversible: true,
    };
  },
  async inject(ctx, prepared) {
    await execOk(ctx, blockArgv(RecordSchema.parse(prepared.revert).path), { privileged: true });
  },
  async verifyInjected(ctx, prepared) {
    const s = await dirState(ctx, RecordSchema.parse(prepared.revert).path);
    return permissions(s.mode) === 0;
  },
  async revert(ctx, record) {
    for (const argv of restoreArgvs(RecordSchema.parse(record))) await execOk(ctx, argv, { privileged: true });
  },
  async verifyReverted(ctx, record) {
    const r = RecordSchema.parse(record);
    const s = await dirState(ctx, r.path);
    return Number.parseInt(s.mode, 8) === Number.parseInt(r.mode, 8) && s.uid === r.uid && s.gid === r.gid;
  },
};
