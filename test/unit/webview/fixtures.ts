import type { CameraTile, RunView } from "../../../src/shared/webviewProtocol";

export const T0 = Date.UTC(2025, 10, 12, 10, 0, 0);

export function tile(over: Partial<CameraTile> = {}): CameraTile {
  return {
    name: "tapo_kitchen",
    dashboardId: "tapo_kitchen",
    state: "online",
    since: T0,
    lastChange: null,
    dashboard: { connected: true },
    rtsp: { ok: true, rttMs: 12.5 },
    checkedAt: T0 + 5000,
    ...over,
  };
}

export function runView(over: Partial<RunView> = {}): RunView {
  return {
    runId: "run-1",
    experimentId: "CT-02",
    title: "Cut a camera off the network",
    dryRun: false,
    startedAt: T0,
    phases: [
      { phase: "validate", at: T0 },
      { phase: "preflight", at: T0 + 1000 },
      { phase: "inject", at: T0 + 3000 },
      { phase: "observe", at: T0 + 4000 },
    ],
    faults: [
      { faultId: "cut-kitchen", faultType: "network-partition", target: "hub", summary: "drop traffic to 127.0.10.164", state: "injected", reversible: true, injectedAt: T0 + 3500, revertedAt: null, deadManAt: T0 + 300_000 },
    ],
    expectations: [{ name: "camera seen offline", measures: "detect", met: true, metAt: T0 + 15_500, detail: "dashboard: tapo_kitchen offline" }],
    notes: [],
    window: { injectedAt: T0 + 3500, revertedAt: null, detectAt: T0 + 15_500, recoverAt: null },
    verdict: null,
    ...over,
  };
}
