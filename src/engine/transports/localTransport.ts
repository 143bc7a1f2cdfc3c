import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { TransportError, type ExecOptions, type ExecResult, type Transport } from "./Transport";
import { renderArgv } from "./shellQuote";

/** Output beyond this is dropped (a runaway command must not exhaust the runner's memory). */
const MAX_OUTPUT = 8 * 1024 * 1024;

/**
 * Runs commands on this machine: spawn with an argv array and no shell, so no word is ever
 * interpreted. `privileged` changes nothing: the runner already has whatever rights it has.
 */
export function createLocalTransport(targetName: string): Transport {
  return {
    kind: "local",
    targetName,
    exec: (argv, options) => execLocal(targetName, argv, options ?? {}),
    render: (argv) => renderArgv(argv),
    hasCommand: (name) => onPath(name, process.env.PATH ?? ""),
    close: async () => undefined,
  };
}

function execLocal(targetName: string, argv: readonly string[], options: ExecOptions): Promise<ExecResult> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new TransportError(targetName, "empty command"));
  if (argv.some((w) => w.includes("\0"))) return Promise.reject(new TransportError(targetName, "a command word contains a NUL byte"));
  if (options.signal?.aborted) return Promise.reject(new TransportError(targetName, `aborted before running ${file}`));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ["pipe", "pipe", "pipe"], shell: false });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let failure: TransportError | undefined;
    const stop = (message: string): void => {
      failure ??= new TransportError(targetName, message);
      child.kill("SIGKILL");
    };
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop(`${file} timed out after ${options.timeoutMs} ms`), options.timeoutMs);
    const onAbort = (): void => stop(`${file} aborted`);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (b: Buffer) => {
      if (outLen < MAX_OUTPUT) out.push(b);
      outLen += b.length;
    });
    child.stderr.on("data", (b: Buffer) => {
      if (errLen < MAX_OUTPUT) err.push(b);
      errLen += b.length;
    });
    // A command that exits without reading its stdin makes the write fail with EPIPE: harmless.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.stdin ?? "");
    const done = (): void => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    child.on("error", (e: NodeJS.ErrnoException) => {
      done();
      // Same answer a shell gives for a missing command, so callers treat local and ssh alike.
      if (e.code === "ENOENT") resolve({ code: 127, signal: null, stdout: "", stderr: `${file}: command not found\n` });
      else reject(new TransportError(targetName, `${file}: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      done();
      if (failure) reject(failure);
      else resolve({ code, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** PATH lookup as execvp does it: the first executable regular file named `name`. */
async function onPath(name: string, path: string): Promise<boolean> {
  if (name.length === 0 || name.includes("\0")) return false;
  const candidates = name.includes("/") ? [name] : path.split(delimiter).filter((d) => d.length > 0).map((d) => join(d, name));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return true;
    } catch {
      // Not here: try the next PATH entry.
    }
  }
  return false;
}
