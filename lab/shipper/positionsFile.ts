import { readFile, rename, writeFile } from "node:fs/promises";
import * as z from "zod";
import type { TailPosition } from "./fileTailer.js";

const Positions = z.record(z.string(), z.object({ offset: z.number().int().nonnegative(), ino: z.number().int() }));

/** Promtail's positions file: where each path was read to, so a restart does not resend. */
export async function loadPositions(file: string): Promise<Record<string, TailPosition>> {
  try {
    return Positions.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    // Missing or damaged: start over from the beginning of each file, as Promtail does.
    return {};
  }
}

export async function savePositions(file: string, positions: Record<string, TailPosition>): Promise<void> {
  // Write-then-rename so a crash never leaves half a positions file.
  await writeFile(`${file}.tmp`, JSON.stringify(positions));
  await rename(`${file}.tmp`, file);
}
