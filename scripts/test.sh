#!/usr/bin/env bash
# Sets up everything the tests need, builds, and runs the whole test suite (unit, data, cli,
# qgis, map, bulk). Suites labelled "slow" run only with --all. Safe to run twice.
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
ctest "${args[@]}"
