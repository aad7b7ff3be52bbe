#!/usr/bin/env bash
# Proves the device build on linux-arm64 under user-mode emulation (qemu-aarch64-static), on an x86_64 Debian machine:
#  1. installs the emulator and the arm64 libraries a self-contained .NET program needs (dpkg --add-architecture arm64;
#     qemu-user-static, libc6:arm64, libstdc++6:arm64, and libssl3:arm64: .NET's cryptography, which the agent's
#     event ids and the checker's SHA-256 use, is OpenSSL on Linux; every Raspberry Pi OS and Mendel image has it);
#     where they cannot be installed it says so and exits 0 (nothing proven);
#  2. publishes tools/Lpr.Arm64Check and src/Lpr.EdgeAgent self-contained for linux-arm64 (Release);
#  3. runs the checker under the emulator: the managed interpreter's whole-model conformance on the reference, AdvSimd
#     and portable Vector128 kernels against the recorded x86_64 TFLite outputs, and the SkiaSharp/managed imaging
#     path; prints what the program sees of AdvSimd;
#  4. runs the agent's embedded default (bundled sample scenes, in-process broker, exits when the input ends) with a
#     recognizer-shaped stand-in model (no trained model ships yet) on the managed backend, with OpenCvSharp absent as
#     on a device, and reports the published size and the start-up time under emulation.
# Exits non-zero when the conformance check fails or the agent does not read its input to the end.
# Output and logs in $ARM64_PROOF_DIR (default artifacts/arm64-proof). Bounded: every emulated run has a timeout.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${ARM64_PROOF_DIR:-$root/artifacts/arm64-proof}"
check_timeout="${ARM64_CHECK_TIMEOUT:-900}"
agent_timeout="${ARM64_AGENT_TIMEOUT:-900}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
SECONDS=0
say() { echo "arm64-proof: $*"; }

# --- 1. emulator and arm64 runtime libraries ---------------------------------------------------------------------
arm64_packages=(libc6:arm64 libstdc++6:arm64 libssl3:arm64)
have_arm64_runtime() {
  command -v qemu-aarch64-static >/dev/null 2>&1 || return 1
  local p
  for p in "${arm64_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || return 1
  done
}
if ! have_arm64_runtime; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  say "installing qemu-user-static ${arm64_packages[*]}"
  if ! { $sudo_cmd dpkg --add-architecture arm64 \
      && $sudo_cmd apt-get update -qq \
      && $sudo_cmd apt-get install -y -qq --no-install-recommends qemu-user-static "${arm64_packages[@]}" >/dev/null; }; then
    say "SKIPPED: the arm64 emulator or runtime libraries cannot be installed here (qemu-user-static ${arm64_packages[*]}); nothing was proven"
    exit 0
  fi
fi
qemu=(qemu-aarch64-static -L /)

# --- 2. self-contained linux-arm64 publishes -----------------------------------------------------------------------
# In a build folder of their own: a linux-arm64 restore must not rewrite the obj/ folders of the work tree.
rm -rf "$out/check" "$out/agent" "$out/model" "$out"/*.log "$out"/outbox.db*
mkdir -p "$out"
publish_start=$SECONDS
dotnet publish "$root/tools/Lpr.Arm64Check" -c Release -r linux-arm64 --self-contained -o "$out/check" --artifacts-path "$out/build" -v quiet -nologo >"$out/publish-check.log" 2>&1 \
  || { cat "$out/publish-check.log"; say "FAILED: publishing the checker"; exit 1; }
dotnet publish "$root/src/Lpr.EdgeAgent" -c Release -r linux-arm64 --self-contained -o "$out/agent" --artifacts-path "$out/build" -v quiet -nologo >"$out/publish-agent.log" 2>&1 \
  || { cat "$out/publish-agent.log"; say "FAILED: publishing the agent"; exit 1; }
publish_seconds=$((SECONDS - publish_start))
if command -v file >/dev/null 2>&1 && ! file "$out/agent/lpr-edge-agent" | grep -q "ARM aarch64"; then
  say "warning: $out/agent/lpr-edge-agent is not an aarch64 executable"
fi

# --- 3. the conformance check under emulation ----------------------------------------------------------------------
check_start=$SECONDS
set +e
timeout "$check_timeout" "${qemu[@]}" "$out/check/lpr-arm64-check" 2>&1 | tee "$out/check.log"
check_status=${PIPESTATUS[0]}
set -e
check_seconds=$((SECONDS - check_start))
[ "$check_status" -eq 124 ] && say "the checker timed out after ${check_timeout} s"

# --- 4. the agent: size and start-up under emulation ---------------------------------------------------------------
agent_size="$(du -sh "$out/agent" | cut -f1)"
"${qemu[@]}" "$out/check/lpr-arm64-check" --stand-in-model "$out/model" >/dev/null
agent_start=$SECONDS
start_ns=$(date +%s%N)
set +e
# Each line stamped with the seconds since launch, so the log shows where start-up time goes.
timeout "$agent_timeout" "${qemu[@]}" "$out/agent/lpr-edge-agent" \
    "--Lpr:Recognizer:Model=$out/model/stand-in-recognizer.tflite" --Lpr:Recognizer:Backend=managed \
    "--Lpr:Outbox:Path=$out/outbox.db" 2>&1 \
  | while IFS= read -r line; do
      printf '%8.2f s  %s\n' "$(( ($(date +%s%N) - start_ns) / 10000000 ))e-2" "$line"
    done >"$out/agent.log"
agent_status=${PIPESTATUS[0]}
set -e
agent_seconds=$((SECONDS - agent_start))
stamp() { grep -m1 -F "$1" "$out/agent.log" | awk '{ print $1 }'; }
started="$(stamp 'Application started')"
capturing="$(stamp 'capturing from')"
events="$(grep -c '"eventId"' "$out/agent.log" || true)"
ended=0
grep -q 'samples/scenes ended' "$out/agent.log" && ended=1

# --- summary -------------------------------------------------------------------------------------------------------
echo
say "simd as the arm64 program sees it: $(grep -m1 '^simd:' "$out/check.log" | sed 's/^simd: //')"
say "conformance: $(tail -n1 "$out/check.log") (exit $check_status, ${check_seconds} s under emulation)"
say "agent publish (linux-arm64, self-contained): $agent_size in $out/agent (publishes took ${publish_seconds} s)"
say "agent start-up under emulation: host started after ${started:-?} s, first camera capturing after ${capturing:-?} s;" \
  "embedded default read to the end: $([ "$ended" -eq 1 ] && echo yes || echo NO), $events stand-in events, exit $agent_status after ${agent_seconds} s"
grep -m1 -F 'classical locator is unavailable' "$out/agent.log" | sed 's/^ *[0-9.]* s  */arm64-proof: locator fallback as on a device: /' || true
say "took ${SECONDS} s in all; logs in $out"
if [ "$check_status" -ne 0 ]; then
  say "FAILED: the arm64 conformance check"
  exit 1
fi
if [ "$agent_status" -ne 0 ] || [ "$ended" -ne 1 ]; then
  sed -n '1,60p' "$out/agent.log"
  say "FAILED: the agent did not run its embedded default to the end under emulation"
  exit 1
fi
say "PASSED"
