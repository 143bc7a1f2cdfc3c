import { createHash } from "node:crypto";
import { appendFile, mkdir, readdir, stat, statfs, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { LogEntry } from "./logIndex.js";

/** A failed chunk write, worded the way Go (and so Loki) words file errors. */
export class ChunkWriteError extends Error {
  constructor(
    message: string,
    /** Short machine reason for metrics: no_space, permission_denied, read_only, byte_cap, other. */
    readonly reason: string,
  ) {
    super(message);
  }
}

const GO_ERRNO_TEXT: Readonly<Record<string, [string, string]>> = {
  ENOSPC: ["no space left on device", "no_space"],
  EDQUOT: ["disk quota exceeded", "no_space"],
  EACCES: ["permission denied", "permission_denied"],
  EPERM: ["operation not permitted", "permission_denied"],
  EROFS: ["read-only file system", "read_only"],
  ENOENT: ["no such file or directory", "other"],
};

interface HeadChunk {
  file: string;
  bytes: number;
  openedAtMs: number;
}

/** Head chunks are cut like Loki's: by size (chunk_target_size) or by age (max_chunk_age). */
const CHUNK_TARGET_BYTES = 256 * 1024;
const MAX_CHUNK_AGE_MS = 60_000;
/**
 * Room a push needs on the volume beyond its own bytes. A real Loki writes WAL segments and
 * new chunk blocks, so a full disk fails its next push; appending into the slack of a head
 * chunk's last page would let a "full" tmpfs accept writes for a minute more.
 */
const HEADROOM_BYTES = 64 * 1024;
/** How often the byte-cap mode re-reads the directory, to see files others put there. */
const RESCAN_MS = 2_000;

/**
 * The stand-in's durable side: every push is appended to a per-stream head chunk file
 * before it is acknowledged, so a full or blocked directory really fails the push.
 * As root the directory is a small tmpfs (the kernel says ENOSPC); otherwise `capBytes`
 * plays the disk's part.
 */
export class ChunkStore {
  private readonly heads = new Map<string, HeadChunk>();
  private usedBytes = 0;
  private lastScanMs = 0;
  private seq = 0;

  constructor(
    readonly dir: string,
    readonly capBytes: number,
  ) {}

  get bytesUsed(): number {
    return this.usedBytes;
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await this.rescan();
  }

  async append(streamKey: string, entries: readonly LogEntry[]): Promise<number> {
    const data = entries.map((e) => `${e.ns} ${JSON.stringify(e.line)}\n`).join("");
    const size = Buffer.byteLength(data);
    if (this.capBytes > 0) {
      if (Date.now() - this.lastScanMs > RESCAN_MS) await this.rescan();
      if (this.usedBytes + size > this.capBytes) {
        throw new ChunkWriteError(
          `store put chunk: write ${this.headFor(streamKey).file}: no space left on device (stand-in byte cap ${this.capBytes} reached)`,
          "byte_cap",
        );
      }
    }
    const head = this.headFor(streamKey);
    try {
      if (this.capBytes === 0) await this.requireRoom(size);
      await appendFile(head.file, head.bytes === 0 ? `# ${streamKey}\n${data}` : data);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "";
      const [text, reason] = GO_ERRNO_TEXT[code] ?? [(e as Error).message, "other"];
      // The head may now hold a torn tail; start a fresh one so later writes stay clean.
      this.heads.delete(streamKey);
      throw new ChunkWriteError(`store put chunk: open ${head.file}: ${text}`, reason);
    }
    head.bytes += size;
    this.usedBytes += size;
    return size;
  }

  private async requireRoom(size: number): Promise<void> {
    const fs = await statfs(this.dir);
    if (fs.bavail * fs.bsize < size + HEADROOM_BYTES) throw Object.assign(new Error("no room for the WAL"), { code: "ENOSPC" });
  }

  /** Deletes this store's chunk files older than the retention (Loki's compactor does this). */
  async prune(retentionMs: number): Promise<void> {
    const cutoff = Date.now() - retentionMs;
    const current = new Set([...this.heads.values()].map((h) => h.file));
    for (const name of await this.chunkNames()) {
      const file = join(this.dir, name);
      if (current.has(file)) continue;
      try {
        if ((await stat(file)).mtimeMs < cutoff) await unlink(file);
      } catch {
        // Gone already, or the directory is blocked: both are fine for a best-effort prune.
      }
    }
    await this.rescan();
  }

  private headFor(streamKey: string): HeadChunk {
    const now = Date.now();
    let head = this.heads.get(streamKey);
    if (!head || head.bytes >= CHUNK_TARGET_BYTES || now - head.openedAtMs > MAX_CHUNK_AGE_MS) {
      const fingerprint = createHash("sha256").update(streamKey).digest("hex").slice(0, 16);
      head = { file: join(this.dir, `${fingerprint}-${now}-${this.seq++}.chunk`), bytes: 0, openedAtMs: now };
      this.heads.set(streamKey, head);
    }
    return head;
  }

  private async chunkNames(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((n) => n.endsWith(".chunk"));
    } catch {
      return [];
    }
  }

  /** Counts every file in the directory, not just chunks: a filler file must eat the cap too. */
  private async rescan(): Promise<void> {
    this.lastScanMs = Date.now();
    let total = 0;
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      try {
        total += (await stat(join(this.dir, name))).size;
      } catch {
        // Raced with a delete.
      }
    }
    this.usedBytes = total;
  }
}
