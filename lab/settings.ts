import { labCameraHosts, labRtspPort } from "./ports.js";

/** A camera as the dashboard's config lists it (LAB_CAMERAS_FILE). */
export interface DashboardCamera {
  name: string;
  rtsp: string;
}

/** Knobs a caller of labUp may change; everything else is fixed lab wiring. */
export interface LabSettings {
  /** Cameras the dashboard watches. The lab RTSP servers (lab/cameras/) answer on these URLs. */
  dashboardCameras: readonly DashboardCamera[];
}

export const defaultLabSettings: LabSettings = {
  dashboardCameras: [
    { name: "tapo_kitchen", rtsp: `rtsp://${labCameraHosts.tapo_kitchen}:${labRtspPort}/stream1` },
    { name: "tapo_living_room", rtsp: `rtsp://${labCameraHosts.tapo_living_room}:${labRtspPort}/stream1` },
  ],
};
