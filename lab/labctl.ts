/**
 * The lab's command line: `tsx lab/labctl.ts up|down|status [--json] [--only a,b]`.
 * Results go to stdout, progress to stderr.
 */
import { labDown, labStatus, labUp } from "./labApi.js";

function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes("--json");
  const only = flagValue(rest, "--only")?.split(",").filter((s) => s !== "");
  switch (command) {
    case "up": {
      const result = await labUp(only === undefined ? {} : { only });
      const fresh = result.components.filter((c) => c.state === "started").length;
      if (json) console.log(JSON.stringify(result, null, 2));
      else {
        console.log(fresh === 0 ? "lab already up and healthy" : `lab up (${fresh} components started)`);
        for (const [name, url] of Object.entries(result.endpoints)) console.log(`  ${name.padEnd(20)} ${url}`);
        for (const c of result.components.filter((c) => c.state === "unavailable")) console.log(`  (skipped ${c.name}: ${c.reason ?? ""})`);
      }
      return 0;
    }
    case "down":
      await labDown();
      if (!json) console.log("lab down");
      return 0;
    case "status": {
      const status = await labStatus();
      if (json) console.log(JSON.stringify(status, null, 2));
      else for (const s of status) console.log(`${s.name.padEnd(16)} ${s.state.padEnd(12)} ${s.detail}`);
      // Not running counts as not healthy: the caller asked whether the lab is usable.
      return status.every((s) => s.state === "healthy" || s.state === "unavailable") ? 0 : 1;
    }
    default:
      console.error("usage: labctl up|down|status [--json] [--only component,...]");
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
