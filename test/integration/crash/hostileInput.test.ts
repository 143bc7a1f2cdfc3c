import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cli, journalEvents, modeOf, prepareCrashLab, ROOT, tempDir, writeExperiment, writeInventory } from "./crashLab";

/**
 * What reaches the target over SSH through the real CLI: hostile words in paths and
 * patterns are passed literally (also through the dead-man switch's script, which the
 * target runs with sh), hostile target names are refused, and a host whose key does not
 * match is refused before anything runs. (Quoting of raw argv is covered by
 * test/integration/transports/sshTransport.test.ts.)
 */
describe("hostile input and host keys, through the CLI over SSH", { timeout: 120_000 }, () => {
  const dirs: string[] = [];
  before(async () => prepareCrashLab());
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const newDir = () => {
    const d = tempDir("sc-hostile-");
    dirs.push(d);
    return d;
  };
  // File names cannot hold "/": the injected commands would create the marker in the
  // remote shell's working directory (root's home over SSH) or the CLI's (the repo).
  const hostile = (marker: string) => `it's "q"; touch ${marker}; $(touch ${marker}) \`touch ${marker}\`\nsecond line`;
  const markerName = () => `sc-pwned-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
  const created = (name: string, dir: string) => [homedir(), ROOT, dir, "/"].some((d) => existsSync(join(d, name)));

  it("a directory name with quotes, ;, $() and a newline is blocked and restored literally, dead-man script included", async () => {
    const dir = newDir();
    const marker = markerName();
    const victim = join(dir, hostile(marker));
    mkdirSync(victim);
    chmodSync(victim, 0o750);
    const inventory = writeInventory(dir, { margin: "2s" });
    const experiment = writeExperiment(dir, [{ id: "block", type: "storage-block", target: "hub-ssh", duration: "1s", params: { path: victim } }]);
    const journalDir = join(dir, "runs");
    const r = await cli(["run", experiment, "--inventory", inventory, "--journal-dir", journalDir]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const injected = journalEvents(journalDir).find((e) => e.type === "fault-injected");
    assert.ok(injected?.type === "fault-injected" && injected.verified, "the hostile directory itself was blocked");
    assert.equal(modeOf(victim), 0o750);
    // Past the dead-man switch's time too: its script ran nothing but chown/chmod on the literal path.
    await new Promise((res) => setTimeout(res, 3500));
    assert.equal(created(marker, dir), false, "nothing in the name was executed");
    assert.equal(modeOf(victim), 0o750);
  });

  it("a process pattern with quotes, ;, $() and a newline matches literally (here: nothing), never runs", async () => {
    const dir = newDir();
    const marker = markerName();
    const inventory = writeInventory(dir);
    const experiment = writeExperiment(dir, [{ id: "kill", type: "process-kill", target: "hub-ssh", params: { pattern: hostile(marker) } }]);
    const r = await cli(["run", experiment, "--inventory", inventory, "--journal-dir", join(dir, "runs")]);
    assert.notEqual(r.code, 0);
    assert.match(`${r.stdout}${r.stderr}`, /no live process matches/);
    assert.equal(created(marker, dir), false);
  });

  it("a custom fault runs only with --allow-custom, its argv literally (hostile file name), verified and reverted", async () => {
    const dir = newDir();
    const marker = markerName();
    const flag = join(dir, hostile(marker));
    const params = { inject: ["touch", flag], revert: ["rm", "-f", flag], verify: ["test", "-e", flag], confirm: true };
    const inventory = writeInventory(dir, { margin: "2s" });
    const experiment = writeExperiment(dir, [{ id: "own-cmd", type: "custom", target: "hub-ssh", duration: "1s", params }]);
    const journalDir = join(dir, "runs");

    const refused = await cli(["run", experiment, "--inventory", inventory, "--journal-dir", journalDir]);
    assert.equal(refused.code, 2, `${refused.stdout}\n${refused.stderr}`);
    assert.match(refused.stderr, /custom commands need --allow-custom/);
    assert.match(refused.stderr, /CRASH-01 "own-cmd" on hub-ssh: inject touch '/);
    assert.equal(existsSync(journalDir), false, "refused before any run began: no journal");

    const r = await cli(["run", experiment, "--inventory", inventory, "--journal-dir", journalDir, "--allow-custom"]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const events = journalEvents(journalDir);
    const injected = events.find((e) => e.type === "fault-injected");
    const reverted = events.find((e) => e.type === "fault-reverted");
    assert.ok(injected?.type === "fault-injected" && injected.verified, "test -e saw the literal file while the fault was on");
    assert.ok(reverted?.type === "fault-reverted" && reverted.verified, "and saw it gone after the revert");
    assert.equal(existsSync(flag), false);
    await new Promise((res) => setTimeout(res, 3000));
    assert.equal(created(marker, dir), false, "nothing in the name was executed, dead-man script included");
  });

  it("a target name with ; or $() is refused when the inventory is read (exit 2)", async () => {
    const dir = newDir();
    const marker = join(dir, "pwned");
    const name = `hub;touch ${marker};$(touch ${marker})`;
    const inventory = writeInventory(dir, { targetName: name });
    const experiment = writeExperiment(dir, [{ id: "block", type: "storage-block", target: name, duration: "1s", params: { path: dir } }]);
    const r = await cli(["run", experiment, "--inventory", inventory, "--journal-dir", join(dir, "runs")]);
    assert.equal(r.code, 2, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, /targets\.yaml:\d+:\d+/);
    assert.equal(existsSync(marker), false);
  });

  it("a host whose key does not match the pin is refused before anything runs (exit 2, nothing injected)", async () => {
    const dir = newDir();
    const victim = join(dir, "recordings");
    mkdirSync(victim);
    chmodSync(victim, 0o755);
    const inventory = writeInventory(dir, { transport: { knownHostsFile: undefined, hostKey: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } });
    const experiment = writeExperiment(dir, [{ id: "block", type: "storage-block", target: "hub-ssh", duration: "1s", params: { path: victim } }]);
    const journalDir = join(dir, "runs");
    const r = await cli(["run", experiment, "--inventory", inventory, "--journal-dir", journalDir]);
    assert.equal(r.code, 2, `${r.stdout}\n${r.stderr}`);
    assert.match(`${r.stdout}${r.stderr}`, /host key/i);
    const events = journalEvents(journalDir);
    assert.ok(events.some((e) => e.type === "preflight-refused"));
    assert.ok(!events.some((e) => e.type === "fault-planned"), "nothing planned, so nothing injected");
    assert.equal(modeOf(victim), 0o755);
  });
});
