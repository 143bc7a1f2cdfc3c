import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { quoteWord, renderArgv, ShellQuoteError } from "../../../src/engine/transports/shellQuote";

/** Runs `printf %s <quoted>` through the real /bin/sh and returns what it printed, byte for byte. */
function throughSh(word: string): string {
  const r = spawnSync("/bin/sh", ["-c", `printf %s ${quoteWord(word)}`], { encoding: "buffer" });
  assert.equal(r.status, 0, r.stderr.toString());
  return r.stdout.toString("utf8");
}

const nonNul = fc.string({ unit: "binary" }).filter((s) => !s.includes("\0"));
const hostile = fc.constantFrom("'", '"', ";", "$(touch pwned)", "`id`", "\n", "\\", "*", "?", "~", "a=b", "%1", "-n", "", " ", "\t", "!", "#", "&", "|", "<", ">", "{", "}");
const mixed = fc.array(fc.oneof(hostile, nonNul), { maxLength: 6 }).map((parts) => parts.join(""));

test("any string round-trips through sh -c 'printf %s <quoted>' unchanged", () => {
  fc.assert(
    fc.property(fc.oneof(nonNul, mixed), (word) => {
      assert.equal(throughSh(word), word);
    }),
    { numRuns: 150 },
  );
});

test("a rendered argv reaches the command as exactly those words", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(mixed, nonNul), { maxLength: 5 }), (words) => {
      // printf '%s\0' prints each word NUL-terminated, so the words come back without ambiguity.
      const r = spawnSync("/bin/sh", ["-c", renderArgv(["printf", "%s\\0", ...words])], { encoding: "buffer" });
      assert.equal(r.status, 0);
      const back = r.stdout.toString("utf8").split("\0").slice(0, -1);
      // printf with no words still runs its format once, printing one empty word.
      assert.deepEqual(back, words.length === 0 ? [""] : words);
    }),
    { numRuns: 60 },
  );
});

test("safe words stay readable; everything else is single-quoted", () => {
  assert.equal(quoteWord("--cpu"), "--cpu");
  assert.equal(quoteWord("/var/lib/x.y"), "/var/lib/x.y");
  assert.equal(quoteWord(""), "''");
  assert.equal(quoteWord("a=b"), "'a=b'");
  assert.equal(quoteWord("it's"), `'it'\\''s'`);
  assert.equal(quoteWord("$(touch pwned)"), "'$(touch pwned)'");
  assert.equal(renderArgv(["kill", "-KILL", "42"]), "kill -KILL 42");
});

test("NUL bytes and empty commands are refused", () => {
  assert.throws(() => quoteWord("a\0b"), ShellQuoteError);
  assert.throws(() => renderArgv([]), ShellQuoteError);
});
