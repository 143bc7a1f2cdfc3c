import { readFileSync } from "node:fs";
import { extensionLogFiles, type CodeServer } from "./codeServer";
import type { Workbench } from "./workbench";

/** Runs a test body; on failure saves a screenshot and prints the extension's log, then rethrows. */
export async function explainFailure(name: string, server: CodeServer, wb: () => Workbench | undefined, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    await wb()?.screenshot(`failed-${name}`).catch(() => undefined);
    for (const file of extensionLogFiles(server.userDataDir)) console.error(`--- ${file}\n${readFileSync(file, "utf8").split("\n").slice(-40).join("\n")}`);
    throw e;
  }
}
