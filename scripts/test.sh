#!/usr/bin/env bash
# Sets up everything the tests need, builds, and runs the whole test suite (unit, data, cli,
# qgis, map, bulk), then the sanitizer and fuzz runs (scripts/sanitize.sh). Suites labelled "slow"
# run only with --all, which also fuzzes longer. Safe to run twice.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${GAZETTEER_BUILD_DIR:-$here/build}
all=0
for a in "$@"; do
  case "$a" in
    --all) all=1 ;;
    *) echo "test: unknown option $a" >&2; exit 2 ;;
  esac
done
bash "$here/scripts/setup.sh" --tests
export QT_QPA_PLATFORM=offscreen
args=(--test-dir "$build" --output-on-failure -j "$(nproc)")
[ "$all" -eq 1 ] || args+=(-LE slow)
status=0
ctest "${args[@]}" || status=1
# The ASan+UBSan build (build-asan) with its unit, CLI and short fuzz runs; longer fuzz runs with --all.
sanitize_args=()
[ "$all" -eq 0 ] || sanitize_args+=(--all)
bash "$here/scripts/sanitize.sh" "${sanitize_args[@]}" || status=1
exit $status
