#!/usr/bin/env bash
# Reproduces the recognizer shipped until 2026-12-03 (stage 9 below; since then the shipped model is three runs from
# scratch, scripts/train-shipped-recognizer.sh) with one command, in nine stages:
#   1. the base run (scripts/train-config.json, 22,000 steps, ~2.2 h on 2 cores) in runs/recognizer/;
#   2. the fine-tune from its best weights on the generator with the standard's drawn digits
#      (scripts/finetune-config.json, 10,000 steps, ~1 h) in runs/recognizer-finetune/;
#   3. the polish from the fine-tune's best weights on the generator whose two-row crops keep their top row legible
#      (scripts/polish-config.json, 10,000 steps, ~50 min) in runs/recognizer-polish/;
#   4. the fine-tune from the polish's best weights on the generator with the standard's drawn syllables on half the
#      plates (scripts/standard-hangul-config.json, 5,000 steps, ~35 min) in runs/recognizer-stdhangul/;
#   5. its best weights grown into the wide architecture with the same function and trained on
#      (scripts/wide-config.json, 6,000 steps, ~1.6 h) in runs/recognizer-wide/;
#   6. the wide run's best weights trained on at a lower peak learning rate (scripts/wide-more-config.json, 5,000 steps,
#      ~1.1-1.6 h) in runs/recognizer-wide-more/ (the shipped model until 2026-12-02 night);
#   7. those weights trained on at a peak of 3e-4 (scripts/wide-long-config.json, 7,000 steps, ~1.6 h) in
#      runs/recognizer-wide-long/;
#   8. those weights fine-tuned with plain CTC instead of focal CTC (scripts/plain-ctc-config.json, 2,000 steps, ~17 min)
#      in runs/recognizer-plain-ctc/ (the shipped model until 2026-12-02 late, 0.70 points below its float weights as int8);
#   9. those weights grown by a shared ReLU6 layer between the attention pooling and the classifier, started as the
#      identity (architecture wide-slot; scripts/slot-layer-config.json, 3,000 steps, ~19 min) in runs/recognizer-slot/,
#      whose post-training int8 export was the shipped model (0.20 points below its float weights); it writes
#      runs/recognizer-slot/slot-int8.tflite, beside the run.
# Stages 1-3 render every syllable from text faces (scripts/text-face-syllables-synth.json), as when they were trained.
# scripts/wide-qat-config.json (stage 5 -> int8, the previous shipped model), scripts/standard-hangul-qat-config.json (stage 4 -> int8) and
# scripts/qat-config.json (polish -> int8) are the quantization-aware stages of the three previous shipped models, kept to compare.
#   bash scripts/train-staged-recognizer.sh          # in the background; log in runs/recognizer-staged.log
#   bash scripts/train-staged-recognizer.sh --wait   # in the foreground
# Every stage checkpoints and resumes (a finished stage is skipped in seconds), so running it again after an
# interruption continues where it stopped.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/runs"
. "$root/scripts/lib/training.sh"
background_unless_waiting "$root/runs/recognizer-staged.log" \
  "Recognizer training (base run, fine-tune, polish, drawn syllables, wide, wide continued twice, plain CTC, slot layer)" "$@"

# Each stage's export is kept beside its run (the intermediate models, and stage 9's, once the shipped one).
recognizer_run recognizer train-config.json "$root/runs/recognizer/base-int8.tflite"
recognizer_run recognizer-finetune finetune-config.json "$root/runs/recognizer-finetune/finetune-int8.tflite"
recognizer_run recognizer-polish polish-config.json "$root/runs/recognizer-polish/polish-int8.tflite"
recognizer_run recognizer-stdhangul standard-hangul-config.json "$root/runs/recognizer-stdhangul/stdhangul-int8.tflite"
recognizer_run recognizer-wide wide-config.json "$root/runs/recognizer-wide/wide-int8.tflite"
recognizer_run recognizer-wide-more wide-more-config.json "$root/runs/recognizer-wide-more/wide-more-int8.tflite"
recognizer_run recognizer-wide-long wide-long-config.json "$root/runs/recognizer-wide-long/wide-long-int8.tflite"
recognizer_run recognizer-plain-ctc plain-ctc-config.json "$root/runs/recognizer-plain-ctc/plain-ctc-int8.tflite"
recognizer_run recognizer-slot slot-layer-config.json "$root/runs/recognizer-slot/slot-int8.tflite"
