#!/usr/bin/env bash
# Reproduces the shipped recognizer models/kr-plate-recognizer-int8.tflite with one command, in two stages:
#   1. the base run (scripts/train-config.json, 22,000 steps, ~2.2 h on 2 cores) in runs/recognizer/;
#   2. the fine-tune from its best weights on the current generator (scripts/finetune-config.json, 10,000 steps,
#      ~1 h) in runs/recognizer-finetune/, which exports the shipped model.
#   bash scripts/train-shipped-recognizer.sh          # in the background; log in runs/recognizer-shipped.log
#   bash scripts/train-shipped-recognizer.sh --wait   # in the foreground
# Both stages checkpoint and resume (a finished stage is skipped in seconds), so running it again after an
# interruption continues where it stopped.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/runs"
if [ "${1:-}" != "--wait" ]; then
  nohup nice -n 10 bash "$0" --wait >>"$root/runs/recognizer-shipped.log" 2>&1 &
  echo "Recognizer training (base run, then fine-tune) in the background (pid $!). Follow it with: tail -f $root/runs/recognizer-shipped.log"
  exit 0
fi

# The base run's own export is an intermediate model, kept beside its run.
LPR_RUN_DIR="$root/runs/recognizer" LPR_TRAIN_CONFIG="$root/scripts/train-config.json" \
  LPR_RECOGNIZER_MODEL="$root/runs/recognizer/base-int8.tflite" bash "$root/scripts/train.sh" --wait
LPR_RUN_DIR="$root/runs/recognizer-finetune" LPR_TRAIN_CONFIG="$root/scripts/finetune-config.json" \
  bash "$root/scripts/train.sh" --wait
