#!/usr/bin/env bash
# Installs the Debian packages the lab, the tests and the demo need, only when one is
# missing (so a second run costs nothing). Needs root (or sudo) and Debian's archive.
set -euo pipefail

packages=(
  prometheus prometheus-alertmanager prometheus-pushgateway prometheus-node-exporter
  openssh-server openssh-client docker.io stress-ng nftables iptables iproute2 procps
  chromium ansible busybox-static ffmpeg curl
  python3-gi python3-gst-1.0 gir1.2-gst-rtsp-server-1.0
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly
  libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config ripgrep fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present" >&2
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "system packages: installing ${missing[*]}" >&2
$sudo apt-get update -qq
# Debian's policy-rc.d on these machines refuses to start daemons, which is what we want:
# the lab starts each one by hand and stops it by PID.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
