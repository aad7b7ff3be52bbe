#!/usr/bin/env bash
# Reproduces the shipped recognizer models/kr-plate-recognizer-int8.tflite with one command: one run from scratch of
# the shipped architecture (wide-slot) on the current generator (scripts/scratch-config.json, 21,000 x 128, ~3.6 h on
# 2 cores) in runs/recognizer-scratch/, then the post-training int8 export of its best weights into models/.
#   bash scripts/train-shipped-recognizer.sh          # in the background; log in runs/recognizer-scratch/train.log
#   bash scripts/train-shipped-recognizer.sh --wait   # in the foreground
# The run checkpoints every few minutes, so running the script again after an interruption continues where it
# stopped. The nine-stage chain that made the model shipped before it: scripts/train-staged-recognizer.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export LPR_RUN_DIR="$root/runs/recognizer-scratch"
export LPR_TRAIN_CONFIG="$root/scripts/scratch-config.json"
export LPR_RECOGNIZER_MODEL="$root/models/kr-plate-recognizer-int8.tflite"
exec bash "$root/scripts/train.sh" "$@"
