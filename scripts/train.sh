#!/usr/bin/env bash
# Reproduces the shipped recognizer with one command:
#   bash scripts/train.sh            # start (or resume) the run in the background, print where it logs
#   bash scripts/train.sh --wait     # the same in the foreground, until it ends
# The run lives in runs/recognizer/ (git-ignored; LPR_RUN_DIR overrides): a resumable checkpoint
# every few minutes, state.json, best.weights, loss-curve.png and train.log. Running the script
# again after an interruption resumes at the last checkpoint. When training has finished it
# exports models/kr-plate-recognizer-int8.tflite (LPR_RECOGNIZER_MODEL overrides) from best.weights.
# The shipped model is three runs of this script, each from the one before: bash scripts/train-shipped-recognizer.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="${LPR_RUN_DIR:-$root/runs/recognizer}"
config="${LPR_TRAIN_CONFIG:-$root/scripts/train-config.json}"
model="${LPR_RECOGNIZER_MODEL:-$root/models/kr-plate-recognizer-int8.tflite}"
mkdir -p "$run"

. "$root/scripts/lib/training.sh"
background_unless_waiting "$run/train.log" "Training" "$@"

# Build (Release); the build also applies the TorchSharp native-load fix to the output folder.
dotnet build "$root/src/Lpr.Training.Cli" -c Release --artifacts-path "$root/artifacts/train" -v quiet -nologo
bin="$root/artifacts/train/bin/Lpr.Training.Cli/release_linux-x64/lpr-train"

# libtorch frees and re-maps its big activation buffers every step, and on a 2-core VM the page
# faults cost more than the arithmetic. jemalloc (libjemalloc2, installed by install-deps.sh) told
# to keep freed memory mapped (no decay) removes them: measured 664 ms/step with the old glibc
# settings -> ~300 with corrected glibc settings -> ~220 with jemalloc (batch 64, 2 threads).
# Without jemalloc the glibc tunables are the fallback; glibc 2.36 silently ignores an mmap
# threshold above 32 MiB (its 64-bit ceiling), so it is exactly 32 MiB. A larger .NET gen0 budget
# and retained GC memory trim the faults of the per-sample managed buffers.
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
if [ -f "$jemalloc" ]; then
  export LD_PRELOAD="$jemalloc${LD_PRELOAD:+:$LD_PRELOAD}"
  export MALLOC_CONF="retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1"
else
  echo "train.sh: $jemalloc not found (bash scripts/install-deps.sh); using glibc malloc, expect slower steps." >&2
fi
export GLIBC_TUNABLES="glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824"
export DOTNET_GCgen0size=0x8000000 DOTNET_GCRetainVM=1
export OMP_WAIT_POLICY=PASSIVE

resume=()
[ -f "$run/state.json" ] && resume=(--resume)
# libtorch prints a harmless NNPACK warning on every step on CPUs without its instructions.
"$bin" train --out "$run" --config "$config" --labels "$root/models/labels.txt" "${resume[@]}" 2>&1 | grep --line-buffered -v 'NNPACK'
"$bin" export "$run/best.weights" --out "$model" --labels "$root/models/labels.txt" 2>&1 | grep --line-buffered -v 'NNPACK'
