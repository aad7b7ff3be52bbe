#!/usr/bin/env bash
# Installs the Lpr edge agent as a systemd service (run as root, from a checkout of the repository):
#   sudo deploy/install.sh                      publish for this machine's architecture, install, enable, start
#   sudo deploy/install.sh --rid linux-arm64    choose the runtime (linux-arm64: Raspberry Pi OS 64-bit, Mendel; linux-x64)
#   sudo deploy/install.sh --from DIR           install an existing self-contained publish output instead of building
#   sudo deploy/install.sh --no-start           install and enable, but do not start now
#   sudo deploy/install.sh --no-ffmpeg          do not install ffmpeg (installed by default: the capture backend on linux-arm64)
#   sudo deploy/install.sh --uninstall [--purge]  stop, disable, remove program and unit (--purge: also config, state, user)
# Layout: program /opt/lpr-edge-agent, configuration /etc/lpr-edge-agent/appsettings.json (never overwritten),
# state /var/lib/lpr-edge-agent (outbox), user and group lpr-edge-agent in groups video, plugdev, apex.
# On a fresh Raspberry Pi OS 64-bit or Mendel board with a publish made elsewhere (no .NET needed on the device):
#   sudo deploy/install.sh --rid linux-arm64 --from ./publish-arm64
set -euo pipefail

readonly NAME=lpr-edge-agent
readonly PREFIX=/opt/$NAME
readonly CONFIG_DIR=/etc/$NAME
readonly STATE_DIR=/var/lib/$NAME
readonly UNIT=/etc/systemd/system/$NAME.service
readonly REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

rid=""
from=""
start=1
uninstall=0
purge=0
ffmpeg=1

die() { echo "install.sh: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rid) rid="${2:?--rid needs linux-arm64 or linux-x64}"; shift 2 ;;
    --from) from="${2:?--from needs a directory}"; shift 2 ;;
    --no-start) start=0; shift ;;
    --uninstall) uninstall=1; shift ;;
    --purge) purge=1; shift ;;
    --no-ffmpeg) ffmpeg=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

[[ $EUID -eq 0 ]] || die "run as root (sudo $0 $*)"
command -v systemctl >/dev/null || die "systemd is required"

if [[ $uninstall -eq 1 ]]; then
  systemctl disable --now "$NAME.service" 2>/dev/null || true
  rm -f "$UNIT"
  systemctl daemon-reload
  rm -rf "$PREFIX"
  if [[ $purge -eq 1 ]]; then
    rm -rf "$CONFIG_DIR" "$STATE_DIR"
    userdel "$NAME" 2>/dev/null || true
    echo "Removed $NAME with its configuration, state and user."
  else
    echo "Removed $NAME. Kept $CONFIG_DIR and $STATE_DIR (undelivered events stay in the outbox); --purge removes them."
  fi
  exit 0
fi

if [[ -z "$rid" ]]; then
  case "$(uname -m)" in
    aarch64|arm64) rid=linux-arm64 ;;
    x86_64|amd64) rid=linux-x64 ;;
    *) die "unsupported architecture $(uname -m); pass --rid linux-arm64 or --rid linux-x64" ;;
  esac
fi
[[ "$rid" == linux-arm64 || "$rid" == linux-x64 ]] || die "--rid must be linux-arm64 or linux-x64 (was '$rid')"

if [[ -z "$from" ]]; then
  command -v dotnet >/dev/null || die "the .NET SDK is needed to publish; or publish elsewhere and pass --from DIR"
  from="$(mktemp -d)"
  trap 'rm -rf "$from"' EXIT
  echo "Publishing $NAME for $rid ..."
  dotnet publish "$REPO/src/Lpr.EdgeAgent" -c Release -r "$rid" --self-contained -o "$from" >/dev/null
fi
[[ -x "$from/$NAME" ]] || die "$from/$NAME is missing: not a publish output of src/Lpr.EdgeAgent"

# What the self-contained agent needs from the system beyond libc: OpenSSL (.NET's cryptography on Linux: event ids,
# MQTT over TLS; present on Raspberry Pi OS and Mendel, but not on every minimal image) and ffmpeg with ffprobe, the
# capture backend wherever OpenCvSharp's native library is absent, i.e. on every linux-arm64 device (Backend auto
# picks it; without it a camera is down with the install command as the reason).
wanted=()
ldconfig -p 2>/dev/null | grep -Eq 'libssl\.so\.(3|1\.1)' || wanted+=(libssl3)
if [[ $ffmpeg -eq 1 ]] && ! { command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; }; then
  wanted+=(ffmpeg)
fi
if [[ ${#wanted[@]} -gt 0 ]]; then
  if command -v apt-get >/dev/null; then
    echo "Installing ${wanted[*]} ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null; } \
      || echo "install.sh: warning: could not install ${wanted[*]} (sudo apt-get install ${wanted[*]}; on Debian 10 / Mendel: libssl1.1)" >&2
  else
    echo "install.sh: warning: no apt-get here; install ${wanted[*]} yourself" >&2
  fi
fi

# Groups named in SupplementaryGroups= must exist, or systemd refuses to start the service.
for group in video plugdev apex; do
  getent group "$group" >/dev/null || groupadd --system "$group"
done
if ! id "$NAME" >/dev/null 2>&1; then
  useradd --system --user-group --no-create-home --home-dir "$STATE_DIR" --shell /usr/sbin/nologin "$NAME"
fi
usermod -a -G video,plugdev,apex "$NAME"

systemctl stop "$NAME.service" 2>/dev/null || true
rm -rf "$PREFIX"
install -d -m 0755 "$PREFIX"
cp -a "$from/." "$PREFIX/"
install -d -m 0755 "$PREFIX/docs"
[[ -f "$REPO/docs/configuration.md" ]] && install -m 0644 "$REPO/docs/configuration.md" "$PREFIX/docs/"

install -d -m 0750 -g "$NAME" "$CONFIG_DIR"
if [[ ! -f "$CONFIG_DIR/appsettings.json" ]]; then
  install -m 0640 -g "$NAME" "$REPO/deploy/appsettings.example.json" "$CONFIG_DIR/appsettings.json"
  echo "Wrote $CONFIG_DIR/appsettings.json from the example: set your cameras and broker there."
fi

install -m 0644 "$REPO/deploy/systemd/$NAME.service" "$UNIT"
systemctl daemon-reload
if [[ $start -eq 1 ]]; then
  systemctl enable --now "$NAME.service"
  echo "Started. Status: systemctl status $NAME; logs: journalctl -u $NAME -f"
else
  systemctl enable "$NAME.service"
  echo "Enabled; start with: systemctl start $NAME"
fi
