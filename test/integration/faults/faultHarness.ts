import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { FaultContext } from "../../../src/engine/faults/FaultDriver";
import type { Target } from "../../../src/engine/model/inventorySchema";
import type { Transport } from "../../../src/engine/transports/Transport";
import { createLocalTransport } from "../../../src/engine/transports/localTransport";

export function context(labels: Record<string, string> = {}, transport: Transport = createLocalTransport("here")): FaultContext {
  const target: Target = { allowChaos: true, transport: { type: "local" }, tools: [], labels };
  return { transport, targetName: "here", target, tag: `it${randomBytes(4).toString("hex")}`, signal: new AbortController().signal, log: () => undefined };
}

/** A harmless victim whose command line carries a unique marker. */
export function spawnVictim(): { child: ChildProcess; marker: string; exited: Promise<void> } {
  const marker = `tapo-fake-marker-${randomBytes(6).toString("hex")}`;
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1e3)", marker], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, marker, exited };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** State letter from /proc, e.g. "S", "T", "Z". */
export async function procState(pid: number): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
}
