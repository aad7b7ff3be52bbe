#!/usr/bin/env bash
# Trains the plate detector (the learned locator) with one command:
#   bash scripts/train-detector.sh           # start (or resume) the run in the background, print where it logs
#   bash scripts/train-detector.sh --wait    # the same in the foreground, until it ends
# The run lives in runs/detector/ (git-ignored; LPR_RUN_DIR overrides): a resumable checkpoint every
# few minutes, state.json, best.weights (highest hold-out AP@0.5), loss-curve.png and train.log.
# Running the script again after an interruption resumes at the last checkpoint. When training has
# finished it exports models/kr-plate-detector-int8.tflite and its descriptor
# models/kr-plate-detector-int8.json from best.weights.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="${LPR_RUN_DIR:-$root/runs/detector}"
config="${LPR_TRAIN_CONFIG:-$root/scripts/train-detector-config.json}"
model="${LPR_DETECTOR_MODEL:-$root/models/kr-plate-detector-int8.tflite}"
mkdir -p "$run"

. "$root/scripts/lib/training.sh"
background_unless_waiting "$run/train.log" "Detector training" "$@"

# Build (Release) into its own artifacts folder: the recognizer's run (scripts/train.sh) executes from
# artifacts/train, and rebuilding that folder under a running process would swap its assemblies.
dotnet build "$root/src/Lpr.Training.Cli" -c Release --artifacts-path "$root/artifacts/train-detector" -v quiet -nologo
bin="$root/artifacts/train-detector/bin/Lpr.Training.Cli/release_linux-x64/lpr-train"

# The same memory settings as scripts/train.sh (see there): jemalloc keeping freed memory mapped, or
# the glibc tunables; a larger .NET gen0 budget for the per-scene managed buffers.
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
if [ -f "$jemalloc" ]; then
  export LD_PRELOAD="$jemalloc${LD_PRELOAD:+:$LD_PRELOAD}"
  export MALLOC_CONF="retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1"
else
  echo "train-detector.sh: $jemalloc not found (bash scripts/install-deps.sh); using glibc malloc, expect slower steps." >&2
fi
export GLIBC_TUNABLES="glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824"
export DOTNET_GCgen0size=0x8000000 DOTNET_GCRetainVM=1
export OMP_WAIT_POLICY=PASSIVE

resume=()
[ -f "$run/state.json" ] && resume=(--resume)
# libtorch prints a harmless NNPACK warning on every step on CPUs without its instructions.
"$bin" train-detector --out "$run" --config "$config" "${resume[@]}" 2>&1 | grep --line-buffered -v 'NNPACK'
"$bin" export-detector "$run/best.weights" --out "$model" 2>&1 | grep --line-buffered -v 'NNPACK'
