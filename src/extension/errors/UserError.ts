/**
 * An error whose message is written for the user (a domain error): the command wrapper
 * shows it as it is, without "an unexpected error" framing. Anything else is a bug.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** Extra buttons besides "Show Log", each with the command it runs. */
    readonly actions: readonly { title: string; command: string; args?: unknown[] }[] = [],
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Thrown when the user closes a quick pick or answers "Cancel": not an error, shown nowhere. */
export class Cancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "Cancelled";
  }
}
