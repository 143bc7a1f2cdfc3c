/**
 * `labDown()` after a full `labUp()` leaves nothing behind: no process (by recorded PID and
 * by argv), no mount under lab/.state, no network namespace, nftables table or qdisc of
 * ours, no open lab port. The lab is brought back up afterwards: other tests expect it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";
import { after, test } from "node:test";
import { isPortOpen } from "../../../lab/components/componentHelpers.js";
import { dockerPaths, LAB_CONTAINER, labDockerClient } from "../../../lab/docker/labDocker.js";
import { labDown, labUp } from "../../../lab/labApi.js";
import { labPaths, repoRoot } from "../../../lab/paths.js";
import { labCameraHosts, labPorts, labRtspPort } from "../../../lab/ports.js";
import { readPidFile, readPidMetas } from "../../../lab/process/pidFiles.js";
import { isRunning, procArgv, processesByArgv, runsLabCode } from "../../../lab/process/procInfo.js";
import { quiet, since } from "./scenarioSupport";

const repo = repoRoot();
const paths = labPaths(repo);

after(async () => {
  const t0 = performance.now();
  await labUp({ log: quiet });
  console.log(`lab back up in ${since(t0)} ms`);
});

/** Every PID the lab knows of: labctl's records, the supervisor's children, the lab container's init. */
async function recordedPids(): Promise<Map<number, string>> {
  const pids = new Map<number, string>(readPidMetas(paths.pids).map((m) => [m.pid, m.name]));
  for (const name of readdirSync(paths.run).filter((n) => n.endsWith(".pid"))) {
    const pid = readPidFile(join(paths.run, name));
    if (pid !== undefined) pids.set(pid, `supervised ${name}`);
  }
  const container = await labDockerClient(dockerPaths(paths.state))
    .getContainer(LAB_CONTAINER)
    .inspect()
    .catch(() => undefined);
  if (container?.State.Pid) pids.set(container.State.Pid, `container ${LAB_CONTAINER}`);
  return pids;
}


/** The cameras listen on their own loopback addresses, which isPortOpen (127.0.0.1) does not reach. */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 500 });
    const done = (open: boolean) => (socket.destroy(), resolve(open));
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: "utf8" });
  assert.equal(r.status, 0, `${command} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

test("labDown leaves no process, mount, namespace, nftables table, qdisc or port behind", { timeout: 180_000 }, async () => {
  const up0 = performance.now();
  await labUp({ log: quiet });
  const upMs = since(up0);
  const pids = await recordedPids();
  assert.ok(pids.size >= 10, `expected the whole lab's PIDs, found ${pids.size}`);
  const netnsBefore = run("ip", ["netns", "list"]);

  const down0 = performance.now();
  await labDown({ log: quiet });
  const downMs = since(down0);

  const survivors = [...pids].filter(([pid]) => isRunning(pid)).map(([pid, name]) => `${name} (pid ${pid}): ${procArgv(pid)?.join(" ") ?? "?"}`);
  assert.deepEqual(survivors, [], "recorded lab processes still running");
  assert.deepEqual(processesByArgv((argv) => runsLabCode(repo, argv)), [], "processes running the lab's code");
  assert.deepEqual(readPidMetas(paths.pids), [], "pid records left in lab/.state/pids");

  const mounts = readFileSync("/proc/self/mounts", "utf8")
    .split("\n")
    .filter((line) => (line.split(" ")[1] ?? "").startsWith(paths.state));
  assert.deepEqual(mounts, [], "mounts under lab/.state");

  const netns = run("ip", ["netns", "list"]);
  assert.doesNotMatch(netns, /^(lab|surveillance|chaos|sc)[-_]/im, "a network namespace of ours");
  const tables = run("nft", ["list", "tables"]);
  assert.doesNotMatch(tables, /surveillance_chaos|\blab\b/, "an nftables table of ours");
  const qdiscs = run("tc", ["qdisc", "show", "dev", "lo"]).trim().split("\n");
  assert.deepEqual(
    qdiscs.filter((q) => !/^qdisc noqueue 0: root\b/.test(q)),
    [],
    "a qdisc on lo other than the default noqueue",
  );

  const ports = [...Object.values(labPorts), 2222, 9401];
  const open: string[] = [];
  for (const port of ports) if (await isPortOpen(port)) open.push(`127.0.0.1:${port}`);
  for (const host of Object.values(labCameraHosts)) if (await answers(host, labRtspPort)) open.push(`${host}:${labRtspPort}`);
  assert.deepEqual(open, [], "lab ports still answering");

  console.log(
    [
      `lab up in ${upMs} ms (${pids.size} recorded PIDs), down in ${downMs} ms`,
      `after down: no survivor of ${pids.size} PIDs, no lab argv in /proc, no mount under ${paths.state}`,
      `ip netns list: ${netnsBefore.trim() === "" ? "(none before)" : netnsBefore.trim()} → ${netns.trim() === "" ? "(none)" : netns.trim()}`,
      `nft list tables: ${tables.trim() === "" ? "(none)" : tables.trim().replace(/\n/g, "; ")}`,
      `tc qdisc show dev lo: ${qdiscs.join("; ")}`,
      `${ports.length + 2} lab ports closed`,
    ].join("\n"),
  );
});
