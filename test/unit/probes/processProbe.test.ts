import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchProcesses, parsePsOutput } from "../../../src/engine/probes/processProbe";

// `env LC_ALL=C TZ=UTC ps -eo pid=,lstart=,args=` as procps-ng prints it.
const PS = `      1 Thu Dec  3 18:41:32 2026 /sbin/init
      2 Thu Dec  3 18:41:32 2026 [kthreadd]
   4242 Sat Dec  5 09:07:01 2026 python3 -m tapo_camera_mcp.web --host 127.0.0.1 --port 7777
   4300 Sat Dec  5 09:07:40 2026 python3 -m tapo_camera_mcp.web --host 127.0.0.1 --port 7777
   4301 Sat Dec  5 09:07:41 2026 grep tapo_camera_mcp.web
   4302 Sat Dec  5 09:07:41 2026 ps -eo pid=,lstart=,args=
garbage line
`;

describe("process probe parsing", () => {
  it("reads pid, UTC start time and command line", () => {
    const procs = parsePsOutput(PS);
    assert.equal(procs.length, 6);
    assert.deepEqual(procs[2], { pid: 4242, startedAt: Date.UTC(2026, 11, 5, 9, 7, 1), args: "python3 -m tapo_camera_mcp.web --host 127.0.0.1 --port 7777" });
  });

  it("matches literally (dots are dots), leaving out our own ps", () => {
    const procs = parsePsOutput(PS);
    assert.deepEqual(matchProcesses(procs, "tapo_camera_mcp.web").map((p) => p.pid), [4242, 4300, 4301]);
    assert.deepEqual(matchProcesses(procs, "tapo_camera_mcp?web").map((p) => p.pid), []);
    assert.deepEqual(matchProcesses(procs, "args=").map((p) => p.pid), []);
  });

  it("counts only processes started since injection, to the second", () => {
    const procs = parsePsOutput(PS);
    const injectedAt = Date.UTC(2026, 11, 5, 9, 7, 40) + 600;
    assert.deepEqual(matchProcesses(procs, "--port 7777", injectedAt).map((p) => p.pid), [4300]);
  });
});
