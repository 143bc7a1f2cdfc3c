// "Kill issued" → "kill verified" for a local process, through the real process-kill driver
// and local transport (the same code a CT-01 run uses), on a process this bench starts.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { register } from "tsx/cjs/api";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchKill(runs = 5) {
  const unregister = register();
  try {
    // The package is CommonJS: its TypeScript sources load through tsx's require hook.
    const require = createRequire(import.meta.url);
    const { processKillDriver } = require("../../src/engine/faults/processKill.ts");
    const { createLocalTransport } = require("../../src/engine/transports/localTransport.ts");
    const { ProcessKillFaultSchema } = require("../../src/engine/model/faultSchemas.ts");
    const transport = createLocalTransport("bench");
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const marker = `sc-bench-victim-${randomBytes(4).toString("hex")}`;
      // A victim whose command line carries a unique marker, so the pattern can match nothing else.
      const victim = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", marker], { stdio: "ignore" });
      await new Promise((r) => setTimeout(r, 200));
      const fault = ProcessKillFaultSchema.parse({ type: "process-kill", target: "bench", params: { pattern: marker, signal: "SIGKILL" } });
      const ctx = { transport, targetName: "bench", target: { allowChaos: true, transport: { type: "local" }, tools: [], labels: {} }, tag: marker, signal: AbortSignal.timeout(30_000), log: () => {} };
      const prepared = await processKillDriver.prepare(ctx, fault);
      const issued = process.hrtime.bigint();
      await processKillDriver.inject(ctx, prepared);
      const verified = await processKillDriver.verifyInjected(ctx, prepared);
      const ms = Number(process.hrtime.bigint() - issued) / 1e6;
      if (!verified) throw new Error(`kill of pid ${victim.pid} not verified`);
      samples.push(ms);
      victim.kill("SIGKILL");
    }
    await transport.close();
    return { medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples), runs };
  } finally {
    unregister();
  }
}
