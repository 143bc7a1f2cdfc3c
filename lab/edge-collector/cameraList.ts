import { readFile } from "node:fs/promises";
import * as z from "zod";

const CameraList = z.array(z.object({ name: z.string().min(1), rtsp: z.string().url() }));
export type CameraList = z.infer<typeof CameraList>;

/** The lab's camera list (lab/.state/cameras.json); empty when it is missing or malformed. */
export async function readCameraList(file: string): Promise<CameraList> {
  try {
    return CameraList.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    return [];
  }
}
