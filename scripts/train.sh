#!/usr/bin/env bash
# Reproduces the shipped recognizer with one command:
#   bash scripts/train.sh            # start (or resume) the run in the background, print where it logs
#   bash scripts/train.sh --wait     # the same in the foreground, until it ends
# The run lives in runs/recognizer/ (git-ignored; LPR_RUN_DIR overrides): a resumable checkpoint
# every few minutes, state.json, best.weights, loss-curve.png and train.log. Running the script
# again after an interruption resumes at the last checkpoint. When training has finished it
# exports models/kr-plate-recognizer-int8.tflite from best.weights.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="${LPR_RUN_DIR:-$root/runs/recognizer}"
config="${LPR_TRAIN_CONFIG:-$root/scripts/train-config.json}"
mkdir -p "$run"

if [ "${1:-}" != "--wait" ]; then
  nohup nice -n 10 bash "$0" --wait >>"$run/train.log" 2>&1 &
  echo "Training in the background (pid $!). Follow it with: tail -f $run/train.log"
  exit 0
fi

# Build (Release); the build also applies the TorchSharp native-load fix to the output folder.
dotnet build "$root/src/Lpr.Training.Cli" -c Release --artifacts-path "$root/artifacts/train" -v quiet -nologo
bin="$root/artifacts/train/bin/Lpr.Training.Cli/release_linux-x64/lpr-train"

# libtorch frees and re-maps its big buffers every step; keeping them mapped roughly halves the
# step time on a 2-core machine (page faults). Passive OpenMP threads do not spin while the
# plate renderer needs the cores.
export GLIBC_TUNABLES="glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=1073741824"
export OMP_WAIT_POLICY=PASSIVE

resume=()
[ -f "$run/state.json" ] && resume=(--resume)
# libtorch prints a harmless NNPACK warning on every step on CPUs without its instructions.
"$bin" train --out "$run" --config "$config" --labels "$root/models/labels.txt" "${resume[@]}" 2>&1 | grep --line-buffered -v 'NNPACK'
"$bin" export "$run/best.weights" --out "$root/models/kr-plate-recognizer-int8.tflite" --labels "$root/models/labels.txt" 2>&1 | grep --line-buffered -v 'NNPACK'
