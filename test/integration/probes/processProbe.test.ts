import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { ProbeSchema } from "../../../src/engine/model/probeSchemas";
import { listProcesses } from "../../../src/engine/probes/processProbe";
import { evaluateProbe } from "../../../src/engine/probes/probeRegistry";
import { createLocalTransport } from "../../../src/engine/transports/localTransport";
import { labContext, sleep, until } from "./probeLab";

describe("process probe over the local transport", { timeout: 60_000 }, () => {
  it("sees a process by literal pattern, its restart, and its end", async () => {
    const marker = `probe-victim.${randomBytes(5).toString("hex")}`;
    const injectedAt = Date.now();
    await sleep(1100); // ps start times have whole seconds: start the victim in a later second
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1e3)", marker], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      const running = ProbeSchema.parse({ type: "process", target: "hub", pattern: marker });
      const r = await until(() => evaluateProbe(labContext(), running), 5000, 100);
      assert.equal(r.ok, true, r.detail);
      assert.match(r.detail, new RegExp(`pid ${child.pid}`));

      const restarted = ProbeSchema.parse({ type: "process", target: "hub", pattern: marker, newerThanInjection: true });
      assert.equal((await evaluateProbe(labContext({ injectedAt }), restarted)).ok, true);
      assert.equal((await evaluateProbe(labContext({ injectedAt: Date.now() + 2000 }), restarted)).ok, false);

      const regexLike = ProbeSchema.parse({ type: "process", target: "hub", pattern: marker.replace(".", "?") });
      assert.equal((await evaluateProbe(labContext(), regexLike)).ok, false, "patterns are literal, not regular expressions");
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    const stopped = ProbeSchema.parse({ type: "process", target: "hub", pattern: marker, expect: "stopped" });
    const r = await evaluateProbe(labContext(), stopped);
    assert.equal(r.ok, true, r.detail);
  });

  it("lists this very process with a start time close to now", async () => {
    const procs = await listProcesses(createLocalTransport("here"));
    const self = procs.find((p) => p.pid === process.pid);
    assert.ok(self, "our own pid is listed");
    assert.ok(Math.abs(self.startedAt - (Date.now() - process.uptime() * 1000)) < 3000, "start time within 3 s");
  });
});
