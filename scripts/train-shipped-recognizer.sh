#!/usr/bin/env bash
# Reproduces the shipped recognizer models/kr-plate-recognizer-int8.tflite with one command, in three runs of the
# shipped architecture (wide-slot) on the current generator, each starting from the one before:
#   1. from scratch (scripts/scratch-config.json, 21,000 x 128, ~3.6 h on 2 cores) in runs/recognizer-scratch/;
#   2. a second, lower cosine cycle (scripts/scratch-more-config.json, 7,000 x 128, ~1 h) in runs/recognizer-scratch-more/;
#   3. quantization-aware fine-tuning (scripts/scratch-more-qat-config.json, 1,000 x 128, ~9 min) in
#      runs/recognizer-scratch-more-qat/, whose int8 export is the shipped model.
#   bash scripts/train-shipped-recognizer.sh          # in the background; log in runs/recognizer-shipped.log
#   bash scripts/train-shipped-recognizer.sh --wait   # in the foreground
# Every run checkpoints every few minutes (a finished one is skipped in seconds), so running the script again after an
# interruption continues where it stopped. The nine-stage chain that made the model shipped before 2026-12-03:
# scripts/train-staged-recognizer.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/runs"
if [ "${1:-}" != "--wait" ]; then
  nohup nice -n 10 bash "$0" --wait >>"$root/runs/recognizer-shipped.log" 2>&1 &
  echo "Recognizer training (from scratch, continued, quantization-aware) in the background (pid $!). Follow it with: tail -f $root/runs/recognizer-shipped.log"
  exit 0
fi

run() { # run folder under runs/, config under scripts/, exported model
  LPR_RUN_DIR="$root/runs/$1" LPR_TRAIN_CONFIG="$root/scripts/$2" LPR_RECOGNIZER_MODEL="$3" \
    bash "$root/scripts/train.sh" --wait
}
run recognizer-scratch scratch-config.json "$root/runs/recognizer-scratch/scratch-int8.tflite"
run recognizer-scratch-more scratch-more-config.json "$root/runs/recognizer-scratch-more/scratch-more-int8.tflite"
run recognizer-scratch-more-qat scratch-more-qat-config.json "$root/models/kr-plate-recognizer-int8.tflite"
