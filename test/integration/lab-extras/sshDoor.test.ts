import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { sshDoorComponent, sshLoginWorks } from "../../../lab/components/sshDoor.js";
import { runCommand } from "../../../lab/docker/runCommand.js";
import { sshLoginArgs, sshPaths } from "../../../lab/ssh/sshFiles.js";
import { downExtras, extrasContext, upExtras } from "./extrasLab.js";

const ctx = extrasContext("ssh-door");
const p = sshPaths(ctx.state);
const wrongKnownHosts = join(p.dir, "known_hosts.wrong");

before(async () => {
  if (!(await sshDoorComponent.available(ctx)).ok) return;
  await upExtras([sshDoorComponent]);
});

after(async () => {
  await rm(wrongKnownHosts, { force: true });
  await downExtras([sshDoorComponent]);
});

test("key login as root works and known_hosts/fingerprint match what the server presents", async () => {
  assert.ok((await sshDoorComponent.available(ctx)).ok, "needs root and openssh-server");
  assert.deepEqual(await sshLoginWorks(ctx), { healthy: true, detail: "key login to root@127.0.0.1:2222 works" });
  const out = await runCommand("ssh", sshLoginArgs(p, p.knownHosts, ["id", "-u"]));
  assert.equal(out.stdout.trim(), "0");
  assert.match(await readFile(p.knownHosts, "utf8"), /^\[127\.0\.0\.1\]:2222 ssh-ed25519 AAAA\S+\n$/);
  const fingerprint = await readFile(p.fingerprint, "utf8");
  assert.match(fingerprint, /^256 SHA256:[A-Za-z0-9+/]{43} .* \(ED25519\)\n$/);
  const scanned = await runCommand("ssh-keyscan", ["-p", "2222", "-t", "ed25519", "127.0.0.1"]);
  const scannedFp = await runCommand("ssh-keygen", ["-lf", "-"], { input: scanned.stdout });
  assert.equal(scannedFp.stdout.split(" ")[1], fingerprint.split(" ")[1]);
});

test("a wrong known_hosts entry is refused by OpenSSH", async () => {
  assert.ok((await sshDoorComponent.available(ctx)).ok, "needs root and openssh-server");
  // Another ed25519 key under the door's name: what a man in the middle (or a rebuilt host) looks like.
  const otherKey = join(p.dir, "other_ed25519");
  await runCommand("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", otherKey]);
  const blob = (await readFile(`${otherKey}.pub`, "utf8")).split(" ")[1];
  await rm(otherKey);
  await rm(`${otherKey}.pub`);
  await writeFile(wrongKnownHosts, `[127.0.0.1]:2222 ssh-ed25519 ${blob}\n`);
  const r = await sshLoginWorks(ctx, wrongKnownHosts);
  assert.equal(r.healthy, false);
  assert.match(r.detail, /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
});
