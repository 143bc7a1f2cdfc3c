import { HttpClient } from "../clients/httpClient";
import { endpointForUrl } from "../clients/serviceEndpoint";
import { durationMs } from "../model/duration";
import type { ProbeOf } from "../model/probeSchemas";
import { evaluateJsonCheck } from "./jsonCheck";
import type { ProbeContext, ProbeDriver, ProbeResult } from "./ProbeDriver";

type HttpProbe = ProbeOf<"http">;

/** Judges a response: the status first (many stacks answer 200 with the truth in the body), then every JSON check. */
export function judgeHttpResponse(probe: Pick<HttpProbe, "status" | "json">, status: number, text: string): ProbeResult {
  if (status !== probe.status) return { ok: false, value: status, detail: `HTTP ${status}, expected ${probe.status}` };
  if (probe.json.length === 0) return { ok: true, value: status, detail: `HTTP ${status}` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, value: status, detail: `HTTP ${status} but the body is not JSON: ${text.slice(0, 80)}` };
  }
  const results = probe.json.map((check) => evaluateJsonCheck(body, check));
  const failed = results.filter((r) => !r.ok);
  return {
    ok: failed.length === 0,
    value: status,
    detail: `HTTP ${status}; ${(failed.length > 0 ? failed : results).map((r) => r.detail).join("; ")}`,
  };
}

async function evaluate(ctx: ProbeContext, probe: HttpProbe): Promise<ProbeResult> {
  const url = new URL(probe.url);
  // A URL under an inventory service gets that service's credentials; any other URL goes out bare.
  const endpoint = endpointForUrl(ctx.inventory, probe.url) ?? { name: url.host, url: url.origin };
  const http = new HttpClient(endpoint, { secrets: ctx.secrets, timeoutMs: durationMs(probe.timeout) });
  const res = await http.request(probe.method, probe.url, { signal: ctx.signal });
  return judgeHttpResponse(probe, res.status, res.data);
}

export const httpProbe: ProbeDriver<"http"> = {
  type: "http",
  evaluate,
  describe: (p) => `${p.method} ${p.url} → ${p.status}${p.json.length ? ` with ${p.json.map((c) => c.path).join(", ")}` : ""}`,
};
