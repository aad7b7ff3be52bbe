#!/usr/bin/env bash
# Fetches the genuine TFLite 2.2 C library (linux x86_64) shipped inside the npm package
# node-tflite@0.0.2. It is the native backend in tests and the oracle for the managed interpreter.
# The binary is never committed: it lands in .tools/tflite/ (git-ignored).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.tools/tflite"
lib="$dest/linux_x86_64/libtensorflowlite_c.so"
if [ -f "$lib" ]; then
  echo "TFLite C library present: $lib"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent node-tflite@0.0.2 >/dev/null)
mkdir -p "$dest"
tar -xzf "$tmp"/node-tflite-0.0.2.tgz -C "$tmp"
cp -r "$tmp/package/tflite/linux_x86_64" "$tmp/package/tflite/include" "$dest/"
cp "$tmp/package/LICENSE" "$dest/LICENSE.node-tflite"
echo "TFLite C library installed: $lib"
