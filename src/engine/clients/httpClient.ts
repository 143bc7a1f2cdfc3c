import axios, { type AxiosInstance, type AxiosResponse, type Method } from "axios";
import type * as z from "zod";
import type { SecretRef } from "../model/inventorySchema";
import type { SecretResolver } from "../probes/ProbeDriver";

/** Where a client talks to: a named service of the inventory (credentials are only named, never held). */
export interface Endpoint {
  /** Service name, used in every message ("prometheus at http://…"). */
  name: string;
  url: string;
  token?: SecretRef;
  username?: string;
  password?: SecretRef;
}

export interface HttpClientOptions {
  /** Needed only when the endpoint names a token or password. */
  secrets?: SecretResolver;
  timeoutMs?: number;
}

export interface RequestOptions {
  params?: Record<string, string | number | boolean | readonly string[] | undefined>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  body?: unknown;
  /** Overrides the client's timeout for this request. */
  timeoutMs?: number;
}

/** A failure talking to a service, worded for the timeline: "prometheus at http://127.0.0.1:9090 unreachable: ECONNREFUSED". */
export class ServiceError extends Error {
  constructor(
    readonly endpoint: Pick<Endpoint, "name" | "url">,
    readonly reason: string,
    readonly status?: number,
  ) {
    super(`${endpoint.name} at ${endpoint.url} ${reason}`);
    this.name = "ServiceError";
  }
}

/** Repeated keys (`filter=a&filter=b`), as Alertmanager and Prometheus expect, not axios' `filter[]=`. */
export function encodeParams(params: RequestOptions["params"]): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) search.append(key, v);
    else search.append(key, String(value));
  }
  return search.toString();
}

async function resolveSecret(secrets: SecretResolver | undefined, ref: SecretRef, endpoint: Endpoint): Promise<string> {
  const value = secrets === undefined ? undefined : await secrets(ref.secret);
  if (value === undefined) throw new ServiceError(endpoint, `needs secret ${ref.secret}, which is not set`);
  return value;
}

/** Shortens a failure to the reason a person can act on; never includes headers (they may hold a token). */
export function errorReason(err: unknown): string {
  if (axios.isCancel(err)) return "request cancelled";
  if (axios.isAxiosError(err)) {
    if (err.code === "ECONNABORTED" || err.code === "ETIMEDOUT") return `timed out (${err.message})`;
    const code = err.code ?? (err.cause as { code?: string } | undefined)?.code;
    return code !== undefined && code !== "ERR_BAD_RESPONSE" ? code : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

function summariseBody(data: unknown): string {
  const text = typeof data === "string" ? data : JSON.stringify(data);
  const oneLine = (text ?? "").replace(/\s+/g, " ").trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}

/**
 * One axios instance per service: base URL, timeout, bearer/basic auth resolved from the
 * secret store at request time (so a rotated secret is picked up), and answers parsed with
 * zod. Errors become ServiceError with the service's name and URL, never the credentials.
 */
export class HttpClient {
  readonly axios: AxiosInstance;

  constructor(
    readonly endpoint: Endpoint,
    options: HttpClientOptions = {},
  ) {
    this.axios = axios.create({
      baseURL: endpoint.url.replace(/\/+$/, ""),
      timeout: options.timeoutMs ?? 10_000,
      validateStatus: () => true,
      paramsSerializer: { serialize: encodeParams },
      // Answers are parsed by zod from text, so a non-JSON body is reported, not thrown by axios.
      responseType: "text",
      transformResponse: [(data: unknown) => data],
      proxy: false,
    });
    this.axios.interceptors.request.use(async (config) => {
      if (endpoint.token !== undefined) {
        config.headers.set("Authorization", `Bearer ${await resolveSecret(options.secrets, endpoint.token, endpoint)}`);
      } else if (endpoint.username !== undefined && endpoint.password !== undefined) {
        const password = await resolveSecret(options.secrets, endpoint.password, endpoint);
        config.auth = { username: endpoint.username, password };
      }
      return config;
    });
  }

  /** Sends a request; any HTTP status is returned, transport failures become ServiceError. */
  async request(method: Method, path: string, options: RequestOptions = {}): Promise<AxiosResponse<string>> {
    try {
      return await this.axios.request<string>({
        method,
        url: path,
        params: options.params,
        signal: options.signal,
        headers: options.headers,
        data: options.body,
        timeout: options.timeoutMs,
      });
    } catch (err) {
      if (err instanceof ServiceError) throw err;
      throw new ServiceError(this.endpoint, `unreachable: ${errorReason(err)}`);
    }
  }

  /** Text of a 2xx answer. */
  async getText(path: string, options: RequestOptions = {}): Promise<string> {
    const res = await this.request("GET", path, options);
    this.expectOk(res, path);
    return res.data;
  }

  /** GET, expect 2xx, parse JSON with `schema`. */
  async getJson<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
    const res = await this.request("GET", path, options);
    return this.parse(res, path, schema);
  }

  /** Parses a 2xx JSON answer with `schema`; a wrong shape names the endpoint and the first issue. */
  parse<S extends z.ZodType>(res: AxiosResponse<string>, path: string, schema: S): z.infer<S> {
    this.expectOk(res, path);
    let json: unknown;
    try {
      json = JSON.parse(res.data);
    } catch {
      throw new ServiceError(this.endpoint, `answered ${path} with something that is not JSON: ${summariseBody(res.data)}`, res.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue === undefined || issue.path.length === 0 ? "" : ` at ${issue.path.join(".")}`;
      throw new ServiceError(this.endpoint, `answered ${path} with an unexpected shape${where}: ${issue?.message ?? "invalid"}`, res.status);
    }
    return parsed.data;
  }

  expectOk(res: AxiosResponse<string>, path: string): void {
    if (res.status < 200 || res.status >= 300) {
      throw new ServiceError(this.endpoint, `answered ${path} with HTTP ${res.status}: ${summariseBody(res.data)}`, res.status);
    }
  }
}
