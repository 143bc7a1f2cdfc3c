/**
 * The one audited quoting helper. Every word that must cross a shell (an SSH command line,
 * a `docker exec sh -c`, a dead-man script, a dry-run rendering) goes through `quoteWord`,
 * so nothing user-supplied is ever interpreted by a shell.
 *
 * POSIX single quotes make every byte literal except the single quote itself, which
 * cannot appear inside them: it is written as `'\''` (close, escaped quote, reopen).
 * NUL cannot be carried by any argv or shell word, so it is refused rather than truncated.
 */

export class ShellQuoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShellQuoteError";
  }
}

/**
 * Words made only of these characters need no quoting; anything else is single-quoted.
 * `=` is left out on purpose (a leading `A=b` word would be an assignment, not a command),
 * as are `~` (tilde expansion) and `%` (job specs in interactive shells).
 */
const SAFE_WORD = /^[A-Za-z0-9_@+:,./-]+$/;

export function quoteWord(word: string): string {
  if (word.includes("\0")) throw new ShellQuoteError("a command word contains a NUL byte");
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** An argv rendered as one shell command line that runs exactly that argv. */
export function renderArgv(argv: readonly string[]): string {
  if (argv.length === 0) throw new ShellQuoteError("empty command");
  return argv.map(quoteWord).join(" ");
}

/**
 * An argv that starts `argv` in the background, detached from the caller (own session via
 * setsid, stdio on /dev/null so the transport's pipes close at once), and prints the new
 * session leader's PID. `marker` becomes the leader's `$0`, so the process list shows it and
 * revert or the sweep can find exactly the processes one fault started. The marker is
 * quoted like every other word.
 */
export function detachedArgv(argv: readonly string[], marker: string): string[] {
  // The inner shell runs the command as a child (the trailing `:` keeps it from exec'ing it
  // away), so the marked leader lives as long as the command and its process group holds both.
  const inner = `${renderArgv(argv)}; :`;
  return ["sh", "-c", `${renderArgv(["setsid", "sh", "-c", inner, marker])} </dev/null >/dev/null 2>&1 & echo $!`];
}
