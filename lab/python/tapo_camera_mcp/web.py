"""Lab stand-in for the tapo-camera-mcp web dashboard.

Run exactly like the real one (chaos experiments find it by ``tapo_camera_mcp.web``)::

    PYTHONPATH=lab/python /usr/bin/python3 -m tapo_camera_mcp.web --host 127.0.0.1 --port 7777

Standard library only. Endpoint paths, JSON shapes, metric names and log lines follow
the real dashboard (docs: /work/shared/reference/home-stack.md). State lives in memory,
so a restart resets every counter, as in the real single-worker app.

Environment:
    LAB_CAMERAS_FILE       JSON list of {"name", "rtsp"}; missing or empty means no cameras
    TAPO_MCP_LOG_FILE      JSON log lines go here (default: stderr only)
    LAB_CHECK_INTERVAL_S   seconds between camera checks (lab: 1; real: 30)
"""

import argparse
import concurrent.futures
import json
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from . import __version__

CAMERA_CHECK_TIMEOUT_S = 3.0
CAMERA_LIST_TIMEOUT_S = 8.0
DEVICE_CHECK_TIMEOUT_S = 10.0
CRITICAL_AFTER_FAILURES = 3
CAMERA_ID = re.compile(r"^[a-zA-Z0-9_-]{1,100}$")
STARTED_AT = time.time()


def utc_iso(ts=None):
    moment = datetime.fromtimestamp(ts if ts is not None else time.time(), tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


# --------------------------------------------------------------------------- logging


class JsonFormatter(logging.Formatter):
    """One JSON object per line, the real Docker-mode log shape."""

    OPTIONAL = ("category", "source", "severity", "details")

    def format(self, record):
        entry = {
            "timestamp": utc_iso(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "module": record.module,
            "function": record.funcName,
            "line": record.lineno,
        }
        for key in self.OPTIONAL:
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        return json.dumps(entry)


def setup_logging():
    handlers = [logging.StreamHandler(sys.stderr)]
    path = os.environ.get("TAPO_MCP_LOG_FILE")
    if path:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        handlers.append(logging.FileHandler(path, encoding="utf-8"))
    formatter = JsonFormatter()
    root = logging.getLogger("tapo_camera_mcp")
    root.setLevel(logging.INFO)
    for handler in handlers:
        handler.setFormatter(formatter)
        root.addHandler(handler)


log_web = logging.getLogger("tapo_camera_mcp.web")
log_health = logging.getLogger("tapo_camera_mcp.core.device_health")


# --------------------------------------------------------------------------- messages


class MessageStore:
    """Lifecycle messages (Offline / CRITICAL / Reconnected) and their counters."""

    def __init__(self):
        self._lock = threading.Lock()
        self._messages = []
        self.total = 0
        self.by_severity = {"info": 0, "warning": 0, "alarm": 0}

    def add(self, severity, source, title, description, details=None):
        message = {
            "id": str(uuid.uuid4()),
            "timestamp": utc_iso(),
            "severity": severity,
            "category": "device_connection",
            "source": source,
            "title": title,
            "description": description,
            "details": details or {},
            "acknowledged": False,
        }
        with self._lock:
            self._messages.append(message)
            del self._messages[:-1000]
            self.total += 1
            self.by_severity[severity] = self.by_severity.get(severity, 0) + 1
        return message

    def query(self, severity=None, since_minutes=None, limit=100):
        cutoff = None if since_minutes is None else utc_iso(time.time() - since_minutes * 60)
        with self._lock:
            found = [
                m
                for m in reversed(self._messages)
                if (severity is None or m["severity"] == severity) and (cutoff is None or m["timestamp"] >= cutoff)
            ]
        return found[:limit]

    def counters(self):
        hour_ago = utc_iso(time.time() - 3600)
        with self._lock:
            last_hour = sum(1 for m in self._messages if m["timestamp"] >= hour_ago)
            unacknowledged = sum(1 for m in self._messages if not m["acknowledged"])
            return {
                "messages_total": self.total,
                "messages_info_total": self.by_severity.get("info", 0),
                "messages_warning_total": self.by_severity.get("warning", 0),
                "messages_alarm_total": self.by_severity.get("alarm", 0),
                "messages_last_hour": last_hour,
                "messages_unacknowledged": unacknowledged,
            }


# --------------------------------------------------------------------------- RTSP check


class CheckTimeout(Exception):
    pass


def _rtsp_request(sock, deadline, method, url, cseq, extra=""):
    sock.sendall(("%s %s RTSP/1.0\r\nCSeq: %d\r\nUser-Agent: tapo-camera-mcp-lab\r\n%s\r\n" % (method, url, cseq, extra)).encode())
    data = b""
    while b"\r\n\r\n" not in data:
        data += _recv(sock, deadline)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    match = re.match(r"RTSP/1\.\d (\d{3})", lines[0])
    if not match:
        raise ConnectionError("not an RTSP answer: %r" % lines[0][:60])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip() or 0)
    while len(body) < length:
        body += _recv(sock, deadline)
    return int(match.group(1)), body[:length].decode("latin-1")


def _recv(sock, deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise CheckTimeout()
    sock.settimeout(remaining)
    try:
        chunk = sock.recv(4096)
    except socket.timeout:
        raise CheckTimeout()
    if not chunk:
        raise ConnectionError("connection closed by camera")
    return chunk


def rtsp_check(url, timeout):
    """TCP connect, OPTIONS, DESCRIBE. Returns SDP facts; raises on any failure."""
    parsed = urlparse(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 554
    deadline = time.monotonic() + timeout
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except socket.timeout:
        raise CheckTimeout()
    with sock:
        status, _ = _rtsp_request(sock, deadline, "OPTIONS", url, 1)
        if status != 200:
            raise ConnectionError("OPTIONS answered %d" % status)
        status, sdp = _rtsp_request(sock, deadline, "DESCRIBE", url, 2, "Accept: application/sdp\r\n")
        if status != 200:
            raise ConnectionError("DESCRIBE answered %d" % status)
    dims = re.search(r"a=(?:x-dimensions|framesize):(?:\d+ )?(\d+)[,-](\d+)", sdp)
    return {"resolution": "%sx%s" % dims.groups() if dims else "1920x1080", "codec": "H264" if "H264" in sdp else "unknown"}


# --------------------------------------------------------------------------- devices


class CameraState:
    def __init__(self, name, rtsp):
        self.name = name
        self.rtsp = rtsp
        self.device_id = "camera_" + name
        self.connected = False
        self.checked = False
        self.last_check = None
        self.last_success = None
        self.first_failure = None
        self.error_count = 0
        self.last_error = None
        self.resolution = "1920x1080"


class DeviceHealth:
    """Checks every camera over RTSP and turns transitions into log lines and messages."""

    def __init__(self, cameras, messages, interval):
        self.cameras = {c["name"]: CameraState(c["name"], c["rtsp"]) for c in cameras}
        self.messages = messages
        self.interval = interval
        self._lock = threading.Lock()
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(2, len(self.cameras)))

    # A summary line every few rounds, like the real service's periodic status logging: a
    # live log stream is what Promtail ships and what CT-03's steady state looks for.
    SUMMARY_EVERY_ROUNDS = 5

    def run_forever(self):
        rounds = 0
        while True:
            started = time.monotonic()
            try:
                self.check_all()
                rounds += 1
                if rounds % self.SUMMARY_EVERY_ROUNDS == 0:
                    online = sum(1 for c in self.cameras.values() if c.connected)
                    log_health.info("Device health check: %d/%d cameras online", online, len(self.cameras))
            except Exception:  # a checker crash must not end the loop
                log_health.exception("device check round failed")
            time.sleep(max(0.0, self.interval - (time.monotonic() - started)))

    def check_all(self, timeout=None):
        futures = [self._pool.submit(self._check_one, cam) for cam in self.cameras.values()]
        concurrent.futures.wait(futures, timeout=timeout)

    def _check_one(self, cam):
        now = time.time()
        try:
            facts = rtsp_check(cam.rtsp, CAMERA_CHECK_TIMEOUT_S)
            error = None
        except CheckTimeout:
            facts, error = None, "Status check timed out"
        except (OSError, ValueError) as exc:
            facts, error = None, "%s: %s" % (type(exc).__name__, exc)
        with self._lock:
            cam.checked = True
            cam.last_check = now
            if error is None:
                self._on_success(cam, now, facts)
            else:
                self._on_failure(cam, now, error)

    def _on_success(self, cam, now, facts):
        if cam.error_count > 0:
            offline_for = int(now - (cam.first_failure or now))
            log_health.info(
                "Device %s reconnected after %ds offline" % (cam.name, offline_for),
                extra={"category": "device_connection", "source": cam.device_id, "severity": "info"},
            )
            self.messages.add("info", cam.device_id, "%s Reconnected" % cam.name, "Camera %s is back online after %ds." % (cam.name, offline_for))
        cam.connected = True
        cam.last_success = now
        cam.error_count = 0
        cam.first_failure = None
        cam.last_error = None
        cam.resolution = facts["resolution"]

    def _on_failure(self, cam, now, error):
        cam.connected = False
        cam.error_count += 1
        cam.last_error = error
        if cam.error_count == 1:
            cam.first_failure = now
            log_health.warning(
                "Device %s went offline: %s" % (cam.name, error),
                extra={"category": "device_connection", "source": cam.device_id, "severity": "warning"},
            )
            self.messages.add("warning", cam.device_id, "%s Offline" % cam.name, "Camera %s is not answering: %s" % (cam.name, error))
        elif cam.error_count == CRITICAL_AFTER_FAILURES:
            offline_for = int(now - (cam.last_success or cam.first_failure or now))
            log_health.error(
                "Device %s CRITICAL - offline for %ds" % (cam.name, offline_for),
                extra={"category": "device_connection", "source": cam.device_id, "severity": "alarm"},
            )
            self.messages.add(
                "alarm", cam.device_id, "%s CRITICAL" % cam.name, "Camera %s offline for %ds (%d failed checks): %s" % (cam.name, offline_for, cam.error_count, error)
            )

    def snapshot(self):
        with self._lock:
            return [
                {
                    "name": c.name,
                    "device_id": c.device_id,
                    "connected": c.connected,
                    "checked": c.checked,
                    "last_check": c.last_check,
                    "last_success": c.last_success,
                    "error_count": c.error_count,
                    "last_error": c.last_error,
                    "resolution": c.resolution,
                    "rtsp": c.rtsp,
                }
                for c in self.cameras.values()
            ]


# --------------------------------------------------------------------------- system


class SystemStats:
    """CPU from /proc/stat deltas, memory from /proc/meminfo, disk from statvfs('/')."""

    def __init__(self):
        self._lock = threading.Lock()
        self._last = self._read_cpu()
        self.cpu = 0.0

    @staticmethod
    def _read_cpu():
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
        idle = values[3] + (values[4] if len(values) > 4 else 0)
        return sum(values), idle

    def sample(self):
        total, idle = self._read_cpu()
        with self._lock:
            d_total, d_idle = total - self._last[0], idle - self._last[1]
            self._last = (total, idle)
            if d_total > 0:
                self.cpu = round(100.0 * (d_total - d_idle) / d_total, 1)

    def read(self):
        mem = {}
        with open("/proc/meminfo") as f:
            for line in f:
                key, _, rest = line.partition(":")
                mem[key] = int(rest.split()[0])
        mem_total = mem.get("MemTotal", 1)
        mem_used = 100.0 * (mem_total - mem.get("MemAvailable", mem_total)) / mem_total
        vfs = os.statvfs("/")
        disk_total = vfs.f_blocks * vfs.f_frsize or 1
        disk_used = 100.0 * (vfs.f_blocks - vfs.f_bavail) * vfs.f_frsize / disk_total
        with self._lock:
            cpu = self.cpu
        return {"cpu": cpu, "memory": round(mem_used, 1), "disk": round(disk_used, 1), "uptime": round(time.time() - STARTED_AT, 1)}


def system_issues(system):
    issues = []
    for kind, value, warn, crit in (("cpu", system["cpu"], 80, 90), ("memory", system["memory"], 85, 95), ("disk", system["disk"], 90, 95)):
        if value > crit:
            issues.append({"type": "critical_" + kind, "severity": "critical", "message": "%s usage %.1f%%" % (kind, value)})
        elif value > warn:
            issues.append({"type": "high_" + kind, "severity": "warning", "message": "%s usage %.1f%%" % (kind, value)})
    return issues


# --------------------------------------------------------------------------- HTTP


class App:
    def __init__(self, cameras, interval):
        self.messages = MessageStore()
        self.devices = DeviceHealth(cameras, self.messages, interval)
        self.system = SystemStats()

    def start_background(self):
        threading.Thread(target=self.devices.run_forever, name="device-health", daemon=True).start()
        threading.Thread(target=self._sample_system, name="system-stats", daemon=True).start()

    def _sample_system(self):
        while True:
            self.system.sample()
            time.sleep(1.0)

    def health(self):
        system = self.system.read()
        devices = self.devices.snapshot()
        online = sum(1 for d in devices if d["connected"])
        issues = system_issues(system)
        if online == 0:
            issues.append({"type": "no_cameras_online", "severity": "critical", "message": "No cameras online (%d configured)" % len(devices)})
        if any(i["severity"] == "critical" for i in issues):
            status = "critical"
        elif issues:
            status = "warning"
        else:
            status = "healthy"
        return {
            "status": status,
            "timestamp": utc_iso(),
            "system": system,
            "network": {"status": "ok"},
            "databases": {"postgres": {"status": "not_configured"}},
            "cameras": {"total": len(devices), "online": online, "offline": len(devices) - online},
            "issues": issues,
        }

    def cameras(self):
        out = []
        for d in self.devices.snapshot():
            status = {
                "connected": d["connected"],
                "model": "Tapo C200 (lab)",
                "streaming": False,
                "resolution": d["resolution"],
                "last_check": utc_iso(d["last_check"]) if d["last_check"] else None,
            }
            if not d["connected"]:
                status["error"] = d["last_error"] or "Not checked yet"
            out.append({"name": d["name"], "type": "onvif", "groups": [], "status": status})
        return {"success": True, "cameras": out}

    def connection_health(self):
        devices = self.devices.snapshot()
        online = sum(1 for d in devices if d["connected"])
        total = len(devices)
        return {
            "total_devices": total,
            "online": online,
            "offline": total - online,
            "health_percentage": round(100.0 * online / total, 1) if total else 0.0,
            "by_type": {"camera": {"total": total, "online": online, "offline": total - online}} if total else {},
            "devices": [
                {
                    "device_id": d["device_id"],
                    "type": "camera",
                    "name": d["name"],
                    "connected": d["connected"],
                    "last_check": utc_iso(d["last_check"]) if d["last_check"] else None,
                    "last_success": utc_iso(d["last_success"]) if d["last_success"] else None,
                    "error_count": d["error_count"],
                    "last_error": d["last_error"],
                }
                for d in devices
            ],
        }

    def metrics(self):
        lines = []
        for d in self.devices.snapshot():
            labels = 'device_id="%s",device_type="camera",name="%s"' % (d["device_id"], d["name"])
            lines.append("device_health_status{%s} %d" % (labels, 1 if d["connected"] else 0))
            lines.append("device_health_error_count{%s} %d" % (labels, d["error_count"]))
            lines.append("device_health_last_check_timestamp{%s} %.3f" % (labels, d["last_check"] or 0))
            lines.append("device_health_last_success_timestamp{%s} %.3f" % (labels, d["last_success"] or 0))
        lines.extend("%s %d" % item for item in self.messages.counters().items())
        return "\n".join(lines) + "\n"

    def messages_metrics(self):
        return "\n".join("%s %d" % item for item in self.messages.counters().items()) + "\n"

    def snapshot_jpeg(self, camera):
        """One frame over RTSP through ffmpeg; None when the camera gives none in time."""
        try:
            result = subprocess.run(
                ["ffmpeg", "-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp", "-i", camera["rtsp"], "-frames:v", "1", "-f", "image2", "-vcodec", "mjpeg", "pipe:1"],
                capture_output=True,
                timeout=CAMERA_LIST_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        return result.stdout if result.returncode == 0 and result.stdout else None


def make_handler(app):
    class Handler(BaseHTTPRequestHandler):
        server_version = "uvicorn"
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # access logs would drown the JSON log
            pass

        def _send(self, status, body, content_type="application/json"):
            data = body if isinstance(body, bytes) else (json.dumps(body) if content_type == "application/json" else body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlparse(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            path = url.path
            if path == "/api/status":
                return self._send(200, {"status": "ok", "version": __version__, "debug": False})
            if path == "/api/health":
                return self._send(200, app.health())
            if path == "/api/cameras":
                return self._send(200, app.cameras())
            if path == "/api/system/connection-health":
                app.devices.check_all(timeout=DEVICE_CHECK_TIMEOUT_S)
                return self._send(200, app.connection_health())
            if path in ("/api/messages", "/api/messages/"):
                return self._messages(query)
            if path == "/api/messages/prometheus":
                return self._send(200, app.messages_metrics(), "text/plain; version=0.0.4")
            if path == "/metrics":
                return self._send(200, app.metrics(), "text/plain; version=0.0.4")
            snap = re.fullmatch(r"/api/cameras/([^/]+)/snapshot", path)
            if snap:
                return self._snapshot(snap.group(1))
            return self._send(404, {"detail": "Not Found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            if urlparse(self.path).path == "/api/system/trigger-health-check":
                app.devices.check_all(timeout=DEVICE_CHECK_TIMEOUT_S)
                return self._send(200, {"success": True, "message": "Health check completed"})
            return self._send(404, {"detail": "Not Found"})

        def _messages(self, query):
            try:
                since = float(query["since_minutes"]) if "since_minutes" in query else None
                limit = int(query.get("limit", "100"))
            except ValueError:
                return self._send(422, {"detail": "since_minutes and limit must be numbers"})
            found = app.messages.query(query.get("severity"), since, max(0, limit))
            return self._send(200, {"count": len(found), "messages": found})

        def _snapshot(self, camera_id):
            if not CAMERA_ID.match(camera_id):
                return self._send(400, {"detail": "Invalid camera id"})
            camera = next((d for d in app.devices.snapshot() if d["name"] == camera_id), None)
            if camera is None:
                return self._send(404, {"detail": "Camera %s not found" % camera_id})
            jpeg = app.snapshot_jpeg(camera) if camera["connected"] else None
            if jpeg is None:
                return self._send(503, {"detail": "No frame from camera %s" % camera_id})
            return self._send(200, jpeg, "image/jpeg")

    return Handler


def load_cameras(path):
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    if not isinstance(raw, list):
        raise ValueError("%s: expected a JSON list of cameras" % path)
    cameras = []
    for item in raw:
        if not (isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("rtsp"), str) and CAMERA_ID.match(item["name"])):
            raise ValueError("%s: each camera needs a valid name and an rtsp URL: %r" % (path, item))
        cameras.append({"name": item["name"], "rtsp": item["rtsp"]})
    return cameras


def main(argv=None):
    parser = argparse.ArgumentParser(prog="tapo_camera_mcp.web")
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=7777)
    args = parser.parse_args(argv)
    setup_logging()
    cameras = load_cameras(os.environ.get("LAB_CAMERAS_FILE"))
    app = App(cameras, float(os.environ.get("LAB_CHECK_INTERVAL_S", "30")))
    server = ThreadingHTTPServer((args.host, args.port), make_handler(app))
    server.daemon_threads = True
    app.start_background()
    log_web.info("Starting Tapo Camera MCP web server on %s:%d with %d cameras" % (args.host, args.port, len(cameras)))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
