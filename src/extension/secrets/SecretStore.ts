import * as vscode from "vscode";
import type { SecretResolver } from "../../engine/probes/ProbeDriver";

const Prefix = "surveillanceChaos.secret.";
const IndexKey = "surveillanceChaos.secretNames";

/**
 * Credentials named by the inventory (`{ secret: NAME }`), kept in VS Code's SecretStorage.
 * The names (never the values) are remembered in global state so they can be listed for
 * "Clear Secret". A run asks once for a secret it needs and does not have.
 */
export class SecretStore {
  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {}

  get names(): string[] {
    return [...(this.state.get<string[]>(IndexKey) ?? [])].sort();
  }

  get(name: string): Thenable<string | undefined> {
    return this.storage.get(Prefix + name);
  }

  async set(name: string, value: string): Promise<void> {
    await this.storage.store(Prefix + name, value);
    await this.state.update(IndexKey, [...new Set([...this.names, name])]);
  }

  async clear(name: string): Promise<void> {
    await this.storage.delete(Prefix + name);
    await this.state.update(IndexKey, this.names.filter((n) => n !== name));
  }

  /** Asks for the value in a password box and keeps it; undefined when the user cancels. */
  async ask(name: string): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({
      title: `Secret ${name}`,
      prompt: `Value of the secret "${name}" that the inventory refers to (kept in VS Code's secret storage).`,
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined || value === "") return undefined;
    await this.set(name, value);
    return value;
  }

  /** The engine's resolver: stored value, else ask once. */
  resolver(): SecretResolver {
    return async (name) => (await this.get(name)) ?? (await this.ask(name));
  }
}
