import { spawn } from "node:child_process";
import type { DashboardClient } from "../../engine/clients/dashboardClient";
import { sanitizeRtspUrl } from "../../engine/clients/rtspClient";
import type { HostMessage, Still } from "../../shared/webviewProtocol";
import type { WatchedCamera } from "./cameraFeed";

/** The page accepts data: URIs up to ~2.8 MB of text; larger frames are not sent. */
const MAX_FRAME_BYTES = 2_000_000;

function dataUri(jpeg: Buffer): string | undefined {
  if (jpeg.length === 0 || jpeg.length > MAX_FRAME_BYTES) return undefined;
  const png = jpeg[0] === 0x89 && jpeg[1] === 0x50;
  return `data:image/${png ? "png" : "jpeg"};base64,${jpeg.toString("base64")}`;
}

/**
 * One JPEG from an RTSP stream with ffmpeg (argv only, no shell). Only for cameras without
 * credentials: ffmpeg takes them in the URL, which any local user could read in the process list.
 */
export function grabWithFfmpeg(ffmpeg: string, rtspUrl: string, timeoutMs: number, signal: AbortSignal): Promise<Buffer | undefined> {
  const url = sanitizeRtspUrl(rtspUrl).toString();
  return new Promise((resolve) => {
    const child = spawn(ffmpeg, ["-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp", "-i", url, "-frames:v", "1", "-q:v", "5", "-f", "image2", "-vcodec", "mjpeg", "pipe:1"], {
      stdio: ["ignore", "pipe", "ignore"],
      signal,
      timeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_FRAME_BYTES) chunks.push(c);
    });
    child.on("error", () => resolve(undefined));
    child.on("close", (code) => resolve(code === 0 && size > 0 && size <= MAX_FRAME_BYTES ? Buffer.concat(chunks) : undefined));
  });
}

/**
 * Still frames, every few seconds (not every refresh: a frame is a full RTSP session):
 * the dashboard's snapshot endpoint first, else ffmpeg when it is installed.
 */
export class StillFeed {
  private readonly latest = new Map<string, Still>();

  constructor(
    private readonly cameras: readonly WatchedCamera[],
    private readonly dashboard: DashboardClient | undefined,
    private readonly ffmpeg: string | null,
    private readonly post: (msg: HostMessage) => void,
  ) {}

  /** Throws only when no camera produced a frame and the dashboard could not be asked. */
  async poll(now: number, signal: AbortSignal): Promise<void> {
    const failures: unknown[] = [];
    await Promise.all(
      this.cameras.map(async (c) => {
        let frame: Buffer | undefined;
        let via: Still["via"] = "dashboard";
        if (this.dashboard) {
          frame = await this.dashboard.snapshot(c.dashboardId, signal).catch((err: unknown) => {
            failures.push(err);
            return undefined;
          });
        }
        if (frame === undefined && this.ffmpeg !== null && c.camera.credentials === undefined) {
          frame = await grabWithFfmpeg(this.ffmpeg, c.camera.rtsp, 10_000, signal);
          via = "ffmpeg";
        }
        const uri = frame === undefined ? undefined : dataUri(frame);
        if (uri === undefined) return;
        const still: Still = { camera: c.name, dataUri: uri, at: now, via };
        this.latest.set(c.name, still);
        this.post({ type: "still", still });
      }),
    );
    if (this.latest.size === 0 && failures.length > 0) throw failures[0];
  }

  /** The last frame of each camera, re-sent to a page that reloaded. */
  messages(): HostMessage[] {
    return [...this.latest.values()].map((still) => ({ type: "still", still }));
  }
}
