#!/usr/bin/env bash
# The shipped recognizer's recipe (scripts/train-shipped-recognizer.sh: from scratch, continued, quantization-aware) on
# the issue's 2.5 h training budget, in batches of 64 instead of 128 (on 2 cores about 225 ms a step against 527-600:
# more updates for the same samples, which this small model turns into accuracy faster):
#   1. from scratch (scripts/scratch-short-b64-config.json, 27,000 x 64, ~1.7 h) in runs/recognizer-scratch-short-b64/;
#   2. continued (scripts/scratch-short-b64-more-config.json, 9,000 x 64, ~35 min) in runs/recognizer-scratch-short-b64-more/;
#   3. quantization-aware (scripts/scratch-short-b64-qat-config.json, 1,500 x 64, ~8 min) in
#      runs/recognizer-scratch-short-b64-qat/, exported to runs/recognizer-scratch-short-b64-qat/int8.tflite.
#   bash scripts/train-budget-recognizer.sh          # in the background; log in runs/recognizer-budget.log
#   bash scripts/train-budget-recognizer.sh --wait   # in the foreground
# Resumable like the shipped chain: a finished run is skipped in seconds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/runs"
. "$root/scripts/lib/training.sh"
background_unless_waiting "$root/runs/recognizer-budget.log" "Recognizer training on the 2.5 h budget (from scratch, continued, quantization-aware)" "$@"

recognizer_run recognizer-scratch-short-b64 scratch-short-b64-config.json "$root/runs/recognizer-scratch-short-b64/int8.tflite"
recognizer_run recognizer-scratch-short-b64-more scratch-short-b64-more-config.json "$root/runs/recognizer-scratch-short-b64-more/int8.tflite"
recognizer_run recognizer-scratch-short-b64-qat scratch-short-b64-qat-config.json "$root/runs/recognizer-scratch-short-b64-qat/int8.tflite"
