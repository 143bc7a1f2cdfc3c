import type { FaultType } from "../model/faultSchemas";
import type { AnyFaultDriver, FaultDriver } from "./FaultDriver";
import { cpuStressDriver } from "./cpuStress";
import { customDriver } from "./custom";
import { memoryStressDriver } from "./memoryStress";
import { processKillDriver } from "./processKill";
import { containerDriver } from "./containerFault";
import { networkBandwidthDriver } from "./networkBandwidth";
import { networkBlackholeDriver } from "./networkBlackhole";
import { networkLatencyDriver } from "./networkLatency";
import { networkLossDriver } from "./networkLoss";
import { smtpDelayDriver } from "./smtpDelay";
import { webhookDropDriver } from "./webhookDrop";
import { processPauseDriver } from "./processPause";
import { serviceRestartDriver } from "./serviceRestart";
import { serviceStopDriver } from "./serviceStop";
import { storageBlockDriver } from "./storageBlock";
import { storageFillDriver } from "./storageFill";

/** Every fault type's driver. A type missing here is refused in preflight, before anything is injected. */
export const faultDrivers: { readonly [T in FaultType]?: FaultDriver<T> } = {
  "process-kill": processKillDriver,
  "process-pause": processPauseDriver,
  "service-stop": serviceStopDriver,
  "service-restart": serviceRestartDriver,
  "storage-fill": storageFillDriver,
  "storage-block": storageBlockDriver,
  "cpu-stress": cpuStressDriver,
  "memory-stress": memoryStressDriver,
  custom: customDriver,
  "network-blackhole": networkBlackholeDriver,
  "network-loss": networkLossDriver,
  "network-latency": networkLatencyDriver,
  "network-bandwidth": networkBandwidthDriver,
  "webhook-drop": webhookDropDriver,
  "smtp-delay": smtpDelayDriver,
  container: containerDriver,
};

export class MissingFaultDriverError extends Error {
  constructor(readonly faultType: string) {
    super(`fault type ${faultType} has no driver`);
    this.name = "MissingFaultDriverError";
  }
}

export function getFaultDriver(type: FaultType): AnyFaultDriver {
  const driver = faultDrivers[type];
  if (!driver) throw new MissingFaultDriverError(type);
  // Each entry is keyed by its own type, so the runner may hand it any fault of that type.
  return driver as unknown as AnyFaultDriver;
}
