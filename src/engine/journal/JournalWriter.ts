import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { JournalError, errorMessage } from "../errors";
import { JournalEventSchema, type JournalEvent } from "./journalEvents";

/** A journal line without the fields the writer fills in. */
type WithoutStamp<E> = E extends unknown ? Omit<E, "runId" | "at"> & { at?: number } : never;
export type JournalInput = WithoutStamp<JournalEvent>;

/**
 * Appends one JSON line per event and fsyncs it before returning, so that a fault is on
 * disk before it is injected and a crash right after loses nothing. Writes are synchronous
 * on purpose: they keep the order of lines equal to the order of calls, even from signal
 * handlers.
 */
export class JournalWriter {
  private fd: number | undefined;

  private constructor(
    readonly file: string,
    readonly runId: string,
    fd: number,
    private readonly now: () => number,
  ) {
    this.fd = fd;
  }

  static open(file: string, runId: string, now: () => number = Date.now): JournalWriter {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const fd = openSync(file, "a", 0o600);
      syncDirectory(dirname(file));
      return new JournalWriter(file, runId, fd, now);
    } catch (e) {
      throw new JournalError(`cannot open the journal ${file}: ${errorMessage(e)}`);
    }
  }

  /** Appends to an existing run's journal (the sweep and halt record their reverts there). */
  static append(file: string, runId: string, now: () => number = Date.now): JournalWriter {
    return JournalWriter.open(file, runId, now);
  }

  write(input: JournalInput): JournalEvent {
    if (this.fd === undefined) throw new JournalError(`the journal ${this.file} is closed`);
    const event = JournalEventSchema.parse({ ...input, at: input.at ?? this.now(), runId: this.runId });
    try {
      writeSync(this.fd, `${JSON.stringify(event)}\n`);
      fsyncSync(this.fd);
    } catch (e) {
      throw new JournalError(`cannot write to the journal ${this.file}: ${errorMessage(e)}`);
    }
    return event;
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Makes the new file's directory entry durable too (a file fsynced in a lost directory entry is lost). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on directories; the file's own fsync still holds.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
