import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { remoteCommand, renderSsh } from "../../../src/engine/transports/sshTransport";

const spec = { host: "hub.lan", port: 2222, user: "chaos", sudo: true };
const hostile = [`it's "q"`, "; rm -rf /", "$(id)", "`id`", "a\nb", "$HOME", ""];

/** What a POSIX shell makes of a command line, as argv. */
function shellWords(line: string): string[] {
  const r = spawnSync("sh", ["-c", `f() { printf '%s\\0' "$@"; }; f ${line}`]);
  return r.stdout.toString().split("\0").slice(0, -1);
}

describe("ssh command rendering", () => {
  it("quotes every word so the remote shell sees the exact argv", () => {
    const line = remoteCommand(spec, ["printf", "%s", ...hostile], false);
    assert.deepEqual(shellWords(line), ["printf", "%s", ...hostile]);
  });

  it("adds sudo -n -- only for privileged commands on sudo targets that are not root", () => {
    assert.deepEqual(shellWords(remoteCommand(spec, ["nft", "list ruleset"], true)), ["sudo", "-n", "--", "nft", "list ruleset"]);
    assert.deepEqual(shellWords(remoteCommand(spec, ["nft"], false)), ["nft"]);
    assert.deepEqual(shellWords(remoteCommand({ ...spec, user: "root" }, ["nft"], true)), ["nft"]);
    assert.deepEqual(shellWords(remoteCommand({ ...spec, sudo: false }, ["nft"], true)), ["nft"]);
  });

  it("renders a pasteable ssh line whose remote command is the quoted argv", () => {
    const line = renderSsh(spec, ["printf", "%s", ...hostile], true);
    assert.ok(line.startsWith("ssh chaos@hub.lan -p 2222 -- "));
    const words = shellWords(line.slice(4));
    assert.deepEqual(words.slice(0, 4), ["chaos@hub.lan", "-p", "2222", "--"]);
    assert.deepEqual(shellWords(words[4] ?? ""), ["sudo", "-n", "--", "printf", "%s", ...hostile]);
  });
});
