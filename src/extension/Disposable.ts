import type * as vscode from "vscode";

/**
 * Owns what it creates: everything passed to `_register` is disposed with the owner, in
 * reverse order, so listeners, watchers, timers and views never outlive their user.
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) {
      d.dispose();
    } else {
      this.owned.push(d);
    }
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.owned.splice(0).reverse()) d.dispose();
  }
}

/** A timer as a disposable, so it can be `_register`ed like anything else. */
export function disposableInterval(callback: () => void, ms: number): vscode.Disposable {
  const handle = setInterval(callback, ms);
  return { dispose: () => clearInterval(handle) };
}

/** Coalesces bursts (typing, file-watcher storms) into one call after `ms` of quiet. */
export class Debouncer implements vscode.Disposable {
  private handle: NodeJS.Timeout | undefined;

  constructor(private readonly ms: number) {}

  schedule(callback: () => void): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = setTimeout(() => {
      this.handle = undefined;
      callback();
    }, this.ms);
  }

  dispose(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
  }
}
