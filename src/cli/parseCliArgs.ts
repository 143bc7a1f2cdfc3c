import { parseArgs, type ParseArgsConfig } from "node:util";
import { InputError } from "../engine/errors";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every verb takes. */
export const commonOptions = {
  "journal-dir": { type: "string" },
  inventory: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

/** node:util parseArgs, strict, with its errors turned into the CLI's input errors (exit 2). */
export function parseCliArgs<O extends Options>(verb: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...commonOptions, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new InputError(`${verb}: ${(e as Error).message}`);
  }
}
