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
#  4. runs the agent's embedded default (bundled sample scenes, in-process broker, exits when the input ends) with the
#     shipped recognizer and detector on the managed backend, with OpenCvSharp absent as on a device (so the learned
#     locator), and reports the published size, the start-up time under emulation and the plates published.
# Exits non-zero when the conformance check fails, or the agent does not read its input to the end, or it publishes
# other plates than the sample clip's (each once).
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
# W^X off: .NET's double-mapped code pages are a known source of crashes under user-mode emulation (not on devices).
export DOTNET_EnableWriteXorExecute=0

# --- 2. self-contained linux-arm64 publishes -----------------------------------------------------------------------
# In a build folder of their own: a linux-arm64 restore must not rewrite the obj/ folders of the work tree.
rm -rf "$out/check" "$out/agent" "$out"/*.log "$out"/outbox.db*
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

# --- 4. the agent as shipped: size, start-up and the sample clip's plates under emulation ---------------------------
agent_size="$(du -sh "$out/agent" | cut -f1)"
models="$out/agent/models"
for model in kr-plate-recognizer-int8 kr-plate-detector-int8; do
  [ -f "$models/$model.tflite" ] && [ -f "$models/$model.json" ] \
    || { say "FAILED: the publish lacks $models/$model.tflite or its descriptor (the shipped models are copied from models/)"; exit 1; }
done
expected="$(cut -f2 "$root/samples/scenes/labels.tsv" | sort -u | paste -sd' ')"
# The embedded default (bundled sample scenes, in-process broker, exit when the input ends) with the shipped recognizer
# and detector on the managed backend; OpenCvSharp is absent as on a device, so 'auto' picks the learned locator. The
# sample folder is a recording, so however slow the emulator every frame is read (none dropped).
run_agent() {
  start_ns=$(date +%s%N)
  set +e
  # Each line stamped with the seconds since launch, so the log shows where start-up time goes.
  timeout "$agent_timeout" "${qemu[@]}" "$out/agent/lpr-edge-agent" \
      --Lpr:Recognizer:Backend=managed "--Lpr:Outbox:Path=$out/outbox.db" 2>&1 \
    | while IFS= read -r line; do
        printf '%8.2f s  %s\n' "$(( ($(date +%s%N) - start_ns) / 10000000 ))e-2" "$line"
      done >"$out/agent.log"
  agent_status=${PIPESTATUS[0]}
  set -e
}
agent_start=$SECONDS
run_agent
if [ "$agent_status" -eq 139 ] || [ "$agent_status" -eq 134 ]; then
  # qemu-user occasionally dies of its own (its "uncaught target signal"); one retry tells that from a real crash.
  say "the emulator crashed ($(grep -m1 -o 'qemu: uncaught target signal [0-9]* ([^)]*)' "$out/agent.log" || echo "exit $agent_status")); running the agent once more"
  rm -f "$out"/outbox.db*
  agent_start=$SECONDS
  run_agent
fi
agent_seconds=$((SECONDS - agent_start))
stamp() { grep -m1 -F "$1" "$out/agent.log" | awk '{ print $1 }'; }
started="$(stamp 'Application started')"
capturing="$(stamp 'capturing from')"
published="$(grep -o '"plate":"[^"]*"' "$out/agent.log" | sed 's/"plate":"\(.*\)"/\1/' | sort | paste -sd' ' || true)"
ended=0
grep -q 'samples/scenes ended' "$out/agent.log" && ended=1
locator="$(grep -m1 -o 'Camera sample: locator [a-z]*' "$out/agent.log" | sed 's/.*locator //' || true)"

# --- summary -------------------------------------------------------------------------------------------------------
echo
say "simd as the arm64 program sees it: $(grep -m1 '^simd:' "$out/check.log" | sed 's/^simd: //')"
say "conformance: $(tail -n1 "$out/check.log") (exit $check_status, ${check_seconds} s under emulation)"
say "agent publish (linux-arm64, self-contained): $agent_size in $out/agent (publishes took ${publish_seconds} s)"
say "agent start-up under emulation: host started after ${started:-?} s, first camera capturing after ${capturing:-?} s;" \
  "embedded default read to the end: $([ "$ended" -eq 1 ] && echo yes || echo NO), exit $agent_status after ${agent_seconds} s"
say "locator: ${locator:-?}; plates published: ${published:-none} (expected: $expected)"
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
if [ "$published" != "$expected" ]; then
  grep -F -e 'warn' -e 'fail' -e 'crit' -A1 "$out/agent.log" | sed -n '1,40p' || true
  say "FAILED: the agent published [$published], the sample clip shows [$expected]"
  exit 1
fi
say "PASSED"
