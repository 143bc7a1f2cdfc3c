import { version } from "../../package.json";
import { ChaosError, errorMessage, InputError } from "../engine/errors";
import type { CliContext, CommonOptions } from "./cliContext";
import { processOutput, type Output } from "./output";

type Command = (args: string[], ctx: CliContext) => Promise<number>;
/** Each verb is loaded only when it runs, so `--version` and `--help` start as fast as Node. */
const commands: Record<string, { load: () => Promise<Command>; usage: string }> = {
  validate: {
    load: async () => (await import("./commands/validate")).validateCommand,
    usage: "validate <files or directories…> [--inventory F]   check experiments and inventories; exit 2 on any mistake",
  },
  run: {
    load: async () => (await import("./commands/run")).runCommand,
    usage:
      "run <experiment files or directories…> [--inventory F] [--dry-run] [--junit F] [--report F.md] [--runbook] [--runbook-dir D] [--json] [--allow-custom]   run experiments in order (custom commands only with --allow-custom)",
  },
  export: {
    load: async () => (await import("./commands/export")).exportCommand,
    usage: "export ansible <experiment> [--inventory F] [-o playbook.yml] [--ansible-inventory hosts.yml]   write the experiment as an Ansible playbook",
  },
  status: {
    load: async () => (await import("./commands/status")).statusCommand,
    usage: "status [--json]   list active faults (--json: an array, [] when none)",
  },
  halt: {
    load: async () => (await import("./commands/halt")).haltCommand,
    usage: "halt   revert every active fault (live runs too), in parallel; exit 0 when none remain",
  },
};

const usage = [
  "usage: surveillance-chaos <command> [options]",
  "",
  ...Object.values(commands).map((c) => `  ${c.usage}`),
  "",
  "every command takes --journal-dir D (default .surveillance-chaos/runs) and --inventory F (default experiments/targets.yaml when present)",
  "secrets: SURVEILLANCE_CHAOS_SECRET_<NAME> environment variables",
].join("\n");

/** The common flags, read before the verb parses its own (the sweep needs them first). */
function commonFlags(args: readonly string[]): CommonOptions {
  const value = (name: string) => {
    const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const arg = args[i]!;
    return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[i + 1];
  };
  return { journalDir: value("journal-dir"), inventory: value("inventory") };
}

/** Runs one CLI invocation and returns its exit code; only programming errors escape as exit 1 with a stack. */
export async function main(argv: readonly string[], out: Output = processOutput): Promise<number> {
  const [verb, ...args] = argv;
  if (verb === "--version" || verb === "-v") {
    out.result(version);
    return 0;
  }
  const command = verb === undefined ? undefined : commands[verb];
  if (command === undefined || verb === "--help" || verb === "-h" || args.includes("--help") || args.includes("-h")) {
    (command === undefined && verb !== "--help" && verb !== "-h" ? out.progress : out.result)(command ? `usage: surveillance-chaos ${command.usage}` : usage);
    return command === undefined && verb !== "--help" && verb !== "-h" ? 2 : 0;
  }
  try {
    const flags = commonFlags(args);
    const { CliContext, loadCliInventory } = await import("./cliContext");
    const { emptyInventory } = await import("../engine/load/loadInventory");
    // validate reports a broken inventory itself, as diagnostics, rather than refusing to start.
    const ctx =
      verb === "validate"
        ? new CliContext(CliContext.journalDirFor(flags), await loadCliInventory(flags.inventory).catch(() => emptyInventory()), out)
        : await CliContext.create(flags, out);
    // halt reverts every active fault itself (journaled by: "halt"), dead runs' included.
    try {
      if (verb !== "halt") await ctx.sweep();
    } catch (e) {
      out.progress(`sweep: ${errorMessage(e)}`);
    }
    return await (await command.load())(args, ctx);
  } catch (e) {
    if (e instanceof ChaosError) {
      out.progress(`error: ${e.message}`);
      return e instanceof InputError ? 2 : 1;
    }
    out.progress(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}

/** The process entry (bin/surveillance-chaos.js): exit with main's code. */
export function runCli(): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`internal error: ${errorMessage(e)}\n`);
      process.exit(1);
    },
  );
}
