import type { FaultContext } from "../../../src/engine/faults/FaultDriver";
import type { Target } from "../../../src/engine/model/inventorySchema";
import type { ExecResult, Transport } from "../../../src/engine/transports/Transport";
import { createLocalTransport } from "../../../src/engine/transports/localTransport";
import { renderArgv } from "../../../src/engine/transports/shellQuote";

/** Answers by the command name; records every argv it was given. */
export type Responder = (argv: readonly string[]) => Partial<ExecResult> | undefined;

export function fakeTransport(respond: Responder, tools: readonly string[] = []): Transport & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    kind: "local",
    targetName: "fake",
    calls,
    async exec(argv) {
      calls.push([...argv]);
      const r = respond(argv);
      return { code: 0, signal: null, stdout: "", stderr: "", ...r };
    },
    render: (argv) => renderArgv(argv),
    hasCommand: async (name) => tools.includes(name),
    close: async () => undefined,
  };
}

export function contextFor(transport: Transport, labels: Record<string, string> = {}, tag = "t1"): FaultContext {
  const target: Target = { allowChaos: true, transport: { type: "local" }, tools: [], labels };
  return { transport, targetName: "fake", target, tag, signal: new AbortController().signal, log: () => undefined };
}

export function localContext(labels: Record<string, string> = {}, tag = `t${process.pid}`): FaultContext {
  return contextFor(createLocalTransport("here"), labels, tag);
}
