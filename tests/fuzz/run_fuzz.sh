#!/usr/bin/env bash
# Runs one libFuzzer target for $GAZETTEER_FUZZ_SECONDS (default 10) with a fixed seed, from the
# committed seed corpus, and appends "target runs seconds result" to fuzz-runs.txt in the build
# folder (the record of executions). Any crash, leak, sanitizer report or timeout fails the test;
# the input that caused it is kept as WORK_DIR/crash-* (or leak-*, timeout-*).
#   run_fuzz.sh FUZZER SEED_CORPUS WORK_DIR
set -euo pipefail
fuzzer=$1 seeds=$2 work=$3
seconds=${GAZETTEER_FUZZ_SECONDS:-10}
# $work/corpus holds what the fuzzer finds; the log and any crash-* input stay beside it.
mkdir -p "$work/corpus"
log="$work/last-run.log"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
set +e
"$fuzzer" -seed=1 -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=4096 \
          -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$seeds" >"$log" 2>&1
rc=$?
set -e
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
name=$(basename "$fuzzer")
result=ok
[ "$rc" -eq 0 ] || result="FAILED(exit $rc)"
echo "$name ${runs:-0} runs ${seconds}s $result" | tee -a "$(dirname "$(dirname "$work")")/fuzz-runs.txt"
if [ "$rc" -ne 0 ]; then
  tail -n 60 "$log"
  exit 1
fi
