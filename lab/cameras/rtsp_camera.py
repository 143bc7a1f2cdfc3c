#!/usr/bin/python3
"""One lab camera: a GStreamer RTSP server that looks like a Tapo camera's RTSP side.

Mounts /stream1 (main) and /stream2 (sub) like a Tapo C200, on the camera's own loopback
address. Frames are tiny and slow (e.g. 320x180 at 5 fps) because the lab shares 2 cores;
media pipelines only run while a client is connected. Run with /usr/bin/python3 (Debian's
gi bindings), not a pyenv python.
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def launch(width: int, height: int, fps: int, bitrate_kbps: int, pattern: str) -> str:
    return (
        f"( videotestsrc is-live=true pattern={pattern} "
        f"! video/x-raw,format=I420,width={width},height={height},framerate={fps}/1 "
        f"! x264enc tune=zerolatency speed-preset=ultrafast bitrate={bitrate_kbps} key-int-max={fps * 2} "
        "! rtph264pay name=pay0 pt=96 config-interval=1 )"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--name", required=True)
    ap.add_argument("--address", required=True)
    ap.add_argument("--port", type=int, default=554)
    ap.add_argument("--width", type=int, default=320)
    ap.add_argument("--height", type=int, default=180)
    ap.add_argument("--fps", type=int, default=5)
    args = ap.parse_args()
    if not args.address.startswith("127."):
        print("the lab binds loopback only", file=sys.stderr)
        return 2

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(args.address)
    server.set_service(str(args.port))
    mounts = server.get_mount_points()
    streams = {
        "/stream1": launch(args.width, args.height, args.fps, 200, "ball"),
        "/stream2": launch(max(args.width // 2, 16), max(args.height // 2, 16), args.fps, 64, "smpte"),
    }
    for path, pipeline in streams.items():
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(pipeline)
        # One encoder per mount however many clients watch: keeps CPU flat.
        factory.set_shared(True)
        mounts.add_factory(path, factory)
    if server.attach(None) == 0:
        print(f"{args.name}: cannot listen on {args.address}:{args.port}", file=sys.stderr)
        return 1

    loop = GLib.MainLoop()
    # Without a GLib-level handler the main loop may never see SIGTERM and the camera lingers.
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print(f"{args.name}: rtsp://{args.address}:{args.port}/stream1 and /stream2 ready", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
