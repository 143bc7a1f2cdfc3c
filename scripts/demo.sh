#!/usr/bin/env bash
# `npm run demo`: the README's first command. On a fresh Debian 12 machine with Node 20 it
# installs what is missing, builds, starts the lab, installs the extension into a real
# VS Code (code-server) opened on this repository, prints the URL and waits. Ctrl-C (or
# SIGTERM) stops code-server by its PID and, when the demo started the lab, runs the lab's
# down: nothing it started is left running.
#
#   DEMO_PORT=8080      port of the VS Code on 127.0.0.1
#   DEMO_KEEP_LAB=1     leave the lab running on exit (code-server is still stopped)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

port=${DEMO_PORT:-8080}
if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "demo: DEMO_PORT must be a TCP port number, not '$port'" >&2
  exit 2
fi
demo=.cache/demo
user_dir=$demo/user
ext_dir=$demo/extensions
pid_file=$demo/code-server.pid
cs_log=$demo/code-server.log
code_server=.cache/code-server/node_modules/.bin/code-server

step() { printf '\n== %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A code-server of an earlier demo that was killed hard: ours if its argv names our user dir.
stale_code_server() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file")
  [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$repo/$user_dir"
}

cs_pid=""
lab_started=0
cleaning=0

# Its own process group (setsid below) holds code-server, its server process and the
# extension host: signalling the group by code-server's PID ends all three.
stop_code_server() {
  local pid=$1
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "demo: code-server (pid $pid) ignored SIGTERM for 5 s; sending SIGKILL" >&2
  kill -KILL -- "-$pid" 2>/dev/null || true
}

cleanup() {
  local code=$?
  [ "$cleaning" -eq 0 ] || return
  cleaning=1
  trap '' INT TERM
  if [ -n "$cs_pid" ]; then
    step "stopping code-server (pid $cs_pid)"
    stop_code_server "$cs_pid"
    wait "$cs_pid" 2>/dev/null || true
    rm -f "$pid_file"
  fi
  if [ "$lab_started" -eq 1 ]; then
    if [ "${DEMO_KEEP_LAB:-0}" = "1" ]; then
      echo "demo: DEMO_KEEP_LAB=1: the lab keeps running (npm run lab:down stops it)" >&2
    else
      step "stopping the lab"
      npx tsx lab/labctl.ts down || code=1
    fi
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if stale_code_server; then
  echo "demo: stopping code-server pid $(cat "$pid_file") left by an earlier demo" >&2
  stop_code_server "$(cat "$pid_file")"
  rm -f "$pid_file"
fi
if port_open "$port"; then
  echo "demo: 127.0.0.1:$port is already in use; pick another port with DEMO_PORT=NNNN npm run demo" >&2
  exit 1
fi

step "Debian packages"
bash scripts/setup/system-deps.sh

# npm ci writes node_modules/.package-lock.json last: older than the lock file means stale.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
else
  echo "node_modules is up to date with package-lock.json" >&2
fi

step "lab"
# Set before `up` so a start that fails halfway is still stopped; cleared when the lab was
# already up, since a lab the user started themselves is theirs to stop.
lab_started=1
lab_summary=$(npx tsx lab/labctl.ts up)
case "$lab_summary" in
  "lab already up"*)
    lab_started=0
    echo "demo: the lab was already running; it keeps running when the demo stops (npm run lab:down stops it)" >&2
    ;;
esac

step "build, and package the extension (VSIX) as it ships"
vsix=.cache/e2e/surveillance-chaos.vsix
node scripts/e2e/packageVsix.mjs

step "code-server"
bash scripts/e2e/installCodeServer.sh
mkdir -p "$user_dir/User" "$ext_dir"
"$code_server" --user-data-dir "$user_dir" --extensions-dir "$ext_dir" --install-extension "$vsix" --force >&2
# files.exclude (VS Code's defaults plus .cache): the installed extension's copy of the
# experiments lives in .cache/demo/extensions, inside the workspace; it would be listed twice.
cat >"$user_dir/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "files.exclude": {
    "**/.git": true, "**/.svn": true, "**/.hg": true, "**/CVS": true, "**/.DS_Store": true, "**/Thumbs.db": true,
    "**/.cache": true
  },
  "surveillanceChaos.defaultInventory": "experiments/targets.yaml"
}
JSON

setsid "$code_server" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$user_dir" --extensions-dir "$ext_dir" "$repo" >"$cs_log" 2>&1 &
cs_pid=$!
echo "$cs_pid" >"$pid_file"

for _ in $(seq 1 300); do
  if ! kill -0 "$cs_pid" 2>/dev/null; then
    echo "demo: code-server exited before answering; its log ($cs_log):" >&2
    tail -n 30 "$cs_log" >&2
    exit 1
  fi
  curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$port/healthz" && break
  sleep 0.2
done
if ! curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/healthz"; then
  echo "demo: code-server did not answer on 127.0.0.1:$port within 60 s (log: $cs_log)" >&2
  exit 1
fi

url="http://127.0.0.1:$port/?folder=$repo"
cat <<EOF

Surveillance Chaos demo is ready.

  VS Code (code-server, pid $cs_pid):  $url

The lab ($(printf '%s\n' "$lab_summary" | head -n 1)):
EOF
printf '%s\n' "$lab_summary" | tail -n +2
cat <<EOF

  npm run lab:status     health of each lab component
  Ctrl-C                 stops code-server and the lab
EOF

# wait returns early when a trapped signal arrives; cleanup (EXIT trap) then stops everything.
set +e
wait "$cs_pid"
status=$?
set -e
cs_pid_exited=$cs_pid
cs_pid=""
rm -f "$pid_file"
echo "demo: code-server (pid $cs_pid_exited) exited with status $status; stopping the lab" >&2
exit "$status"
