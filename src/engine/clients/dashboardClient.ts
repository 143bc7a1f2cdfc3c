import * as z from "zod";
import { HttpClient, ServiceError, errorReason, type Endpoint, type HttpClientOptions } from "./httpClient";

/**
 * The tapo-camera-mcp dashboard (port 7777). It answers HTTP 200 even when things are wrong
 * and puts the truth in the body, so every answer is parsed and the body decides.
 */

export const DashboardStatusSchema = z.looseObject({ status: z.string(), version: z.string().optional(), debug: z.boolean().optional() });
export type DashboardStatus = z.infer<typeof DashboardStatusSchema>;

const IssueSchema = z.union([
  z.looseObject({ type: z.string(), severity: z.string().optional(), message: z.string().optional() }),
  z.string().transform((type) => ({ type })),
]);

export const DashboardHealthSchema = z.looseObject({
  status: z.enum(["healthy", "warning", "critical", "error"]),
  timestamp: z.string().optional(),
  system: z.looseObject({ cpu: z.number(), memory: z.number(), disk: z.number(), uptime: z.number().optional() }).optional(),
  cameras: z.looseObject({ total: z.number(), online: z.number(), offline: z.number() }).optional(),
  issues: z.array(IssueSchema).default([]),
});
export type DashboardHealth = z.infer<typeof DashboardHealthSchema>;

export const DashboardCameraSchema = z.looseObject({
  name: z.string(),
  type: z.string().optional(),
  groups: z.array(z.string()).default([]),
  status: z.looseObject({
    connected: z.boolean(),
    model: z.string().nullish(),
    streaming: z.boolean().optional(),
    resolution: z.string().nullish(),
    last_check: z.string().nullish(),
    error: z.string().nullish(),
  }),
});
export type DashboardCamera = z.infer<typeof DashboardCameraSchema>;

export const DashboardCamerasSchema = z.looseObject({
  success: z.boolean(),
  error: z.string().optional(),
  cameras: z.array(DashboardCameraSchema).default([]),
});

export const ConnectionHealthSchema = z.looseObject({
  total_devices: z.number(),
  online: z.number(),
  offline: z.number(),
  health_percentage: z.number(),
  by_type: z.record(z.string(), z.unknown()).default({}),
  devices: z.array(
    z.looseObject({
      device_id: z.string(),
      type: z.string(),
      name: z.string(),
      connected: z.boolean(),
      last_check: z.string().nullish(),
      last_success: z.string().nullish(),
      error_count: z.number().default(0),
      last_error: z.string().nullish(),
    }),
  ),
});
export type ConnectionHealth = z.infer<typeof ConnectionHealthSchema>;

export const DashboardMessageSchema = z.looseObject({
  id: z.union([z.string(), z.number()]),
  timestamp: z.string(),
  severity: z.string(),
  category: z.string().optional(),
  source: z.string().optional(),
  title: z.string(),
  description: z.string().optional(),
  acknowledged: z.boolean().optional(),
});
export type DashboardMessage = z.infer<typeof DashboardMessageSchema>;
export const DashboardMessagesSchema = z.looseObject({ count: z.number(), messages: z.array(DashboardMessageSchema) });

const CAMERA_ID_RE = /^[a-zA-Z0-9_-]{1,100}$/;

export class DashboardClient {
  readonly http: HttpClient;

  constructor(endpoint: Endpoint, options: HttpClientOptions = {}) {
    this.http = new HttpClient(endpoint, options);
  }

  async status(signal?: AbortSignal): Promise<DashboardStatus> {
    return this.http.getJson("/api/status", DashboardStatusSchema, { signal });
  }

  async health(signal?: AbortSignal): Promise<DashboardHealth> {
    return this.http.getJson("/api/health", DashboardHealthSchema, { signal });
  }

  /** The camera list; `success: false` (the dashboard's own 8 s timeout) is an error, not "no cameras". */
  async cameras(signal?: AbortSignal): Promise<DashboardCamera[]> {
    const body = await this.http.getJson("/api/cameras", DashboardCamerasSchema, { signal });
    if (!body.success) throw new ServiceError(this.http.endpoint, `could not list its cameras: ${body.error ?? "success is false"}`);
    return body.cameras;
  }

  async connectionHealth(signal?: AbortSignal): Promise<ConnectionHealth> {
    return this.http.getJson("/api/system/connection-health", ConnectionHealthSchema, { signal });
  }

  async messages(query: { severity?: string; sinceMinutes?: number; limit?: number } = {}, signal?: AbortSignal): Promise<DashboardMessage[]> {
    const params = { severity: query.severity, since_minutes: query.sinceMinutes, limit: query.limit };
    return (await this.http.getJson("/api/messages/", DashboardMessagesSchema, { params, signal })).messages;
  }

  /** One JPEG frame; undefined when the dashboard has none to give (404, or not an image). */
  async snapshot(cameraId: string, signal?: AbortSignal): Promise<Buffer | undefined> {
    if (!CAMERA_ID_RE.test(cameraId)) throw new ServiceError(this.http.endpoint, `refuses camera id ${JSON.stringify(cameraId)}`);
    const res = await this.http.axios
      .request<ArrayBuffer>({
        url: `/api/cameras/${cameraId}/snapshot`,
        responseType: "arraybuffer",
        transformResponse: [(d: unknown) => d],
        signal,
        // The dashboard grabs the frame from RTSP through ffmpeg, which takes seconds.
        timeout: 15_000,
      })
      .catch((err: unknown) => {
        throw new ServiceError(this.http.endpoint, `unreachable: ${errorReason(err)}`);
      });
    const type = String(res.headers["content-type"] ?? "");
    if (res.status !== 200 || !type.startsWith("image/")) return undefined;
    return Buffer.from(res.data);
  }
}
