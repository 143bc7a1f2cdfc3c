import type { TransportSpec } from "../model/inventorySchema";

export interface ExecOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Written to the command's stdin, then closed. */
  stdin?: string;
  /** Run with sudo -n when the target is configured for it (ssh targets with sudo: true). */
  privileged?: boolean;
}

export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/**
 * How commands reach a target. Commands are always argv arrays: a transport that must go
 * through a shell (ssh) quotes every word with the one audited quoting helper, so nothing
 * user-supplied is ever interpreted by a shell.
 */
export interface Transport {
  readonly kind: TransportSpec["type"];
  readonly targetName: string;
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** The exact command line `exec(argv)` runs on this target, for dry runs and journals. */
  render(argv: readonly string[], options?: Pick<ExecOptions, "privileged">): string;
  /** Whether an executable is on the target's PATH (preflight). */
  hasCommand(name: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Hands out one transport per target, pooled (one SSH connection per host), closed together. */
export interface TransportPool {
  get(targetName: string): Promise<Transport>;
  closeAll(): Promise<void>;
}

export class TransportError extends Error {
  constructor(
    readonly targetName: string,
    message: string,
  ) {
    super(`${targetName}: ${message}`);
    this.name = "TransportError";
  }
}
