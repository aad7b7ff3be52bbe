# Sourced by the training scripts (scripts/train*.sh); expects $root, the repository root.

# Without --wait as the first argument, starts the calling script again with --wait in the background, niced, its
# output appended to LOG, prints how to follow it and exits; with --wait it returns and the caller trains in the
# foreground. Usage: background_unless_waiting LOG "WHAT" "$@"
background_unless_waiting() {
  local log="$1" what="$2"
  shift 2
  if [ "${1:-}" != "--wait" ]; then
    nohup nice -n 10 bash "$0" --wait >>"$log" 2>&1 &
    echo "$what in the background (pid $!). Follow it with: tail -f $log"
    exit 0
  fi
}

# One recognizer run of a chain, in the foreground, resuming from its checkpoint (a finished run is skipped in
# seconds). Usage: recognizer_run RUN_FOLDER_UNDER_runs CONFIG_UNDER_scripts EXPORTED_MODEL_PATH
recognizer_run() {
  LPR_RUN_DIR="$root/runs/$1" LPR_TRAIN_CONFIG="$root/scripts/$2" LPR_RECOGNIZER_MODEL="$3" \
    bash "$root/scripts/train.sh" --wait
}
