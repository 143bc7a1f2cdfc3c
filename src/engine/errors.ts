/**
 * Domain errors: each carries a message written for the person running the tool (what is
 * wrong and, where possible, what to do). Anything else that is thrown is a bug and is
 * shown with its stack in logs only.
 */
export class ChaosError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A file, flag or argument is wrong; the CLI exits 2. */
export class InputError extends ChaosError {}

/** The journal could not be written or read. A run never injects without its journal. */
export class JournalError extends ChaosError {}

/** A fault driver or probe driver for a type is not available in this build. */
export class MissingDriverError extends ChaosError {
  constructor(kind: "fault" | "probe", type: string) {
    super(`no ${kind} driver for type "${type}" in this build`);
  }
}

/** A run was cancelled (Ctrl-C, VS Code's cancel, halt): not a failure of the tool. */
export class CancelledError extends ChaosError {
  constructor(reason = "the run was cancelled") {
    super(reason);
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
