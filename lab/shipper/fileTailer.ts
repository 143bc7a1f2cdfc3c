import { open, stat } from "node:fs/promises";

export interface TailPosition {
  offset: number;
  ino: number;
}

/**
 * Follows one file by offset, the way Promtail does: waits for files that do not exist yet,
 * starts over when the file shrinks (truncation) or is replaced (new inode, i.e. rotation),
 * and keeps an unfinished last line until its newline arrives.
 */
export class FileTailer {
  private offset: number;
  private ino: number;
  private partial = "";
  /** Last observed size, for promtail_file_bytes_total. */
  size = 0;
  active = false;

  constructor(
    readonly path: string,
    start: TailPosition | undefined,
  ) {
    this.offset = start?.offset ?? 0;
    this.ino = start?.ino ?? -1;
  }

  get position(): TailPosition {
    return { offset: this.offset, ino: this.ino };
  }

  /** Reads up to `maxBytes` of new data and returns the complete lines in it. */
  async poll(maxBytes: number): Promise<{ lines: string[]; bytes: number }> {
    let st;
    try {
      st = await stat(this.path);
    } catch {
      this.active = false;
      return { lines: [], bytes: 0 };
    }
    this.active = true;
    this.size = st.size;
    if (st.ino !== this.ino || st.size < this.offset) {
      this.ino = st.ino;
      this.offset = 0;
      this.partial = "";
    }
    if (st.size === this.offset) return { lines: [], bytes: 0 };
    const length = Math.min(st.size - this.offset, maxBytes);
    const buffer = Buffer.alloc(length);
    const fh = await open(this.path, "r");
    let read = 0;
    try {
      ({ bytesRead: read } = await fh.read(buffer, 0, length, this.offset));
    } finally {
      await fh.close();
    }
    this.offset += read;
    const text = this.partial + buffer.subarray(0, read).toString("utf8");
    const parts = text.split("\n");
    this.partial = parts.pop() ?? "";
    return { lines: parts.map((l) => l.replace(/\r$/, "")).filter((l) => l.length > 0), bytes: read };
  }
}
