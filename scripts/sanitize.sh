#!/usr/bin/env bash
# The sanitizer and fuzz runs: an ASan+UBSan build (clang-14, CMAKE_BUILD_TYPE=ASan) of the
# engine, the CLI, the unit tests and the libFuzzer targets in build-asan/, then the unit tests,
# the CLI reference cases (bad input among them) and a short seeded run of every fuzz target.
# Any sanitizer report fails the run. Tests that need the default index are left to the main
# build (scripts/test.sh), which has it.
#   scripts/sanitize.sh            fuzz each target for 10 s
#   scripts/sanitize.sh --all      fuzz each target for 300 s (or $GAZETTEER_FUZZ_SECONDS)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${GAZETTEER_ASAN_BUILD_DIR:-$here/build-asan}
seconds=${GAZETTEER_FUZZ_SECONDS:-10}
for a in "$@"; do
  case "$a" in
    --all) seconds=${GAZETTEER_FUZZ_SECONDS:-300} ;;
    *) echo "sanitize: unknown option $a" >&2; exit 2 ;;
  esac
done
for tool in clang-14 clang++-14; do
  command -v "$tool" >/dev/null || { echo "sanitize: $tool not found: run scripts/setup.sh --tests" >&2; exit 1; }
done

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=ASan \
      -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 "${launcher[@]}" \
      -DGAZETTEER_BUILD_FUZZ=ON -DGAZETTEER_BUILD_PYTHON=OFF -DGAZETTEER_BUILD_MAP=OFF \
      -DGAZETTEER_BUILD_BENCH=OFF -DGAZETTEER_BUILD_DEFAULT_INDEX=OFF >/dev/null

# Only what the run needs: the tool, the unit tests without _data/_slow, the fuzz targets.
targets=(gazetteer_cli)
for f in "$here"/tests/unit/test_*.cpp "$here"/tests/fuzz/fuzz_*.cpp; do
  name=$(basename "$f" .cpp)
  case "$name" in *_data|*_slow*) continue ;; esac
  targets+=("$name")
done
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export GAZETTEER_FUZZ_SECONDS=$seconds
rm -f "$build/tests/fuzz/fuzz-runs.txt"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -L 'unit|cli|fuzz' -LE 'slow|data|map|qgis'
echo "sanitize: fuzz executions (target, runs, time, result):" >&2
cat "$build/tests/fuzz/fuzz-runs.txt" >&2
