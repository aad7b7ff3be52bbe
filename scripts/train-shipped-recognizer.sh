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
. "$root/scripts/lib/training.sh"
background_unless_waiting "$root/runs/recognizer-shipped.log" "Recognizer training (from scratch, continued, quantization-aware)" "$@"

recognizer_run recognizer-scratch scratch-config.json "$root/runs/recognizer-scratch/scratch-int8.tflite"
recognizer_run recognizer-scratch-more scratch-more-config.json "$root/runs/recognizer-scratch-more/scratch-more-int8.tflite"
recognizer_run recognizer-scratch-more-qat scratch-more-qat-config.json "$root/models/kr-plate-recognizer-int8.tflite"
