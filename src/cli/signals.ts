/** Exit codes for a run stopped by a signal, as shells report them (128 + signal number). */
const EXIT_FOR: Record<"SIGINT" | "SIGTERM", number> = { SIGINT: 130, SIGTERM: 143 };

export interface SignalAbort {
  signal: AbortSignal;
  /** The exit code owed to the signal that arrived, if one did. */
  exitCode(): number | undefined;
  dispose(): void;
}

/**
 * SIGINT/SIGTERM abort the run instead of killing the process, so the runner reverts every
 * fault before the CLI exits. A third signal leaves at once; the next CLI start sweeps
 * whatever that left behind.
 */
export function abortOnSignals(progress: (line: string) => void): SignalAbort {
  const controller = new AbortController();
  let received: keyof typeof EXIT_FOR | undefined;
  let count = 0;
  const handler = (name: keyof typeof EXIT_FOR) => {
    count++;
    received ??= name;
    if (count === 1) {
      progress(`${name}: stopping the run and reverting every fault (again twice to leave at once)`);
      controller.abort(new Error(`${name} received`));
    } else if (count === 2) progress("still reverting; one more signal leaves now and the next start of the CLI sweeps what is left");
    else process.exit(EXIT_FOR[name]);
  };
  const onInt = () => handler("SIGINT");
  const onTerm = () => handler("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return {
    signal: controller.signal,
    exitCode: () => (received ? EXIT_FOR[received] : undefined),
    dispose: () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    },
  };
}
