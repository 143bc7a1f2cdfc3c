/** Small HTTP helpers for readiness checks (global fetch, loopback only). */

export async function httpGet(url: string, timeoutMs = 2000): Promise<{ status: number; body: string } | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.text() };
  } catch {
    return undefined;
  }
}

export async function httpGetJson(url: string, timeoutMs = 2000): Promise<unknown> {
  const res = await httpGet(url, timeoutMs);
  if (res === undefined || res.status !== 200) return undefined;
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns a truthy detail-free success, or throws after `timeoutMs`
 * with the last failure reason. `alive` lets a caller stop early when the process died.
 */
export async function waitUntil(
  what: string,
  check: () => Promise<true | string>,
  options: { timeoutMs: number; intervalMs?: number; alive?: () => boolean },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = "not checked yet";
  for (;;) {
    const result = await check();
    if (result === true) return;
    last = result;
    if (options.alive !== undefined && !options.alive()) throw new Error(`${what}: process exited (${last})`);
    if (Date.now() >= deadline) throw new Error(`${what}: not ready after ${options.timeoutMs} ms (${last})`);
    await sleep(options.intervalMs ?? 200);
  }
}
