import * as vscode from "vscode";
import { registerCommands } from "./commands/registerCommands";
import { registerDashboard } from "./dashboardRegistration";
import { JournalStore } from "./journal/JournalStore";
import { offerSweep } from "./run/offerSweep";
import { createChaosEngine } from "./run/engineBinding";
import { RunService } from "./run/RunService";
import { SecretStore } from "./secrets/SecretStore";
import type { Services } from "./services";
import { Settings } from "./settings";
import { registerViews } from "./tree/registerViews";
import { ExperimentCatalog } from "./workspace/ExperimentCatalog";
import { InventoryService } from "./workspace/InventoryService";

/**
 * VS Code calls `deactivate()` without arguments, so the one thing it needs (what to revert)
 * is handed over here by `activate()`; nothing else lives at module level.
 */
let revertOnDeactivate: (() => Promise<void>) | undefined;

/** The composition root: builds the services, hands them to the registrations, returns. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = vscode.window.createOutputChannel("Surveillance Chaos", { log: true });
  const settings = new Settings();
  const inventory = new InventoryService(settings);
  const catalog = new ExperimentCatalog(inventory);
  const journals = new JournalStore(settings);
  const secrets = new SecretStore(context.secrets, context.globalState);
  const runs = new RunService(createChaosEngine(), catalog, inventory, journals, secrets, settings, log);
  const services: Services = { context, log, settings, inventory, catalog, journals, secrets, runs, templatesDir: context.asAbsolutePath("experiments") };

  context.subscriptions.push(log, inventory, catalog, journals, runs, ...registerCommands(services), ...registerViews(services), ...registerDashboard(services));
  revertOnDeactivate = () => runs.revertStartedHere();

  // The inventory first: experiments are checked against its targets.
  void inventory.reload();
  void offerSweep(services);
  // The bench script reads this line from the extension host log.
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export async function deactivate(): Promise<void> {
  await revertOnDeactivate?.();
  revertOnDeactivate = undefined;
}
