import { parseDurationMs } from "./duration.js";

/** A bad query parameter; answered with Loki's 400 and its wording. */
export class BadParamError extends Error {}

/**
 * Loki's time parameters: nanoseconds (or seconds for short integers), float seconds,
 * or RFC3339. Returns nanoseconds.
 */
export function parseTimeNs(value: string | null, fallbackNs: bigint): bigint {
  if (value === null || value === "") return fallbackNs;
  if (/^\d+$/.test(value)) return value.length <= 10 ? BigInt(value) * 1_000_000_000n : BigInt(value);
  if (/^\d+\.\d+$/.test(value)) return BigInt(Math.round(Number(value) * 1e6)) * 1000n;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new BadParamError(`cannot parse "${value}" to a valid timestamp`);
  return BigInt(ms) * 1_000_000n;
}

/** Step as a duration ("15s") or float seconds; Loki's default is range/250, at least 1 s. */
export function parseStepMs(value: string | null, rangeMs: number): number {
  if (value === null || value === "") return Math.max(Math.floor(rangeMs / 250_000), 1) * 1000;
  const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : safeDuration(value);
  if (!(ms > 0)) throw new BadParamError("zero or negative query resolution step widths are not accepted. Try a positive integer");
  return ms;
}

function safeDuration(value: string): number {
  try {
    return parseDurationMs(value);
  } catch {
    throw new BadParamError(`cannot parse "${value}" to a valid duration`);
  }
}

export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}
