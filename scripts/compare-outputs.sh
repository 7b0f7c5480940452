#!/usr/bin/env bash
# Compares two builds of the `gazetteer` tool byte for byte: the indexes they build from the same
# sources (with the clock pinned) and the outputs of build, lookup, search, reverse, geoparse,
# itinerary and route on the project's test data, the sample articles and the CLI reference cases.
# For a refactoring that must not change behaviour: run it with the tool before and after.
#
#   scripts/compare-outputs.sh BIN_A BIN_B [WORK_DIR]
#
# DATA_DIR (default build/data, the pinned npm packages of scripts/fetch-data.sh) feeds the
# default index; without its manifest.json only the fixture index is compared. WORK_DIR (default a
# temporary folder, removed at the end) keeps the outputs, one folder per tool; stderr is compared
# with temporary folder names, timings and process ids masked. Set
# SKIP_CLI_CASES=1 to leave out tests/cli (the --resume case alone geoparses 40,000 articles).
# Exit 0 when everything is identical, 1 when anything differs (each difference is listed),
# 2 on bad usage.
set -u
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 BIN_A BIN_B [WORK_DIR]" >&2; exit 2
fi
src=$(cd "$(dirname "$0")/.." && pwd)
bin_a=$(realpath "$1"); bin_b=$(realpath "$2")
for b in "$bin_a" "$bin_b"; do
  [ -x "$b" ] || { echo "$0: $b is not an executable" >&2; exit 2; }
done
data_dir=${DATA_DIR:-$src/build/data}
if [ $# -eq 3 ]; then
  work=$3; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
work=$(realpath "$work")

# The index records its build time (Meta section, "built_at"), so two builds a second apart differ.
# A tiny preloaded library pins time() for the build commands alone; it changes nothing else.
shim="$work/pin_time.so"
cat > "$work/pin_time.c" <<'EOF'
#include <time.h>
time_t time(time_t* t) { time_t v = 1700000000; if (t) *t = v; return v; }
EOF
cc -shared -fPIC -O2 -o "$shim" "$work/pin_time.c" || { echo "$0: cannot compile the clock shim" >&2; exit 2; }

# run NAME CMD...: stdout, stderr and exit code of one command into $out/NAME.{out,err,code}.
run() {
  local name=$1; shift
  "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo $? >"$out/$name.code"
}

collect() {  # collect LABEL BIN
  local label=$1 bin=$2
  out="$work/$label"; mkdir -p "$out"
  local fixture="$out/fixture.gzidx" index="$out/default.gzidx"
  local g="$src/tests/data/geonames"
  run build_fixture env LD_PRELOAD="$shim" "$bin" build --quiet --geonames "$g/sample.txt" \
    --admin1-codes "$g/admin1CodesASCII.txt" --world-countries "$g/countries.json" \
    --boundaries "$g/boundaries.geojson" --places "$src/tests/data/curated/sample.csv" -o "$fixture"
  if [ -f "$data_dir/manifest.json" ]; then
    local curated=()
    for csv in "$src"/data/curated/*.csv; do curated+=(--places "$csv"); done
    run build_default env LD_PRELOAD="$shim" "$bin" build --quiet --data "$data_dir" "${curated[@]}" -o "$index"
  else
    index=$fixture
  fi
  local g_="$bin --index $index"
  # Look-ups: plain, qualified, typo, filtered, near a point; prefix search; reverse.
  local i=0
  while IFS= read -r q; do
    i=$((i + 1))
    for fmt in table json geojson; do
      # shellcheck disable=SC2086
      run "lookup_${i}_$fmt" $g_ lookup --format "$fmt" $q
    done
  done <<'EOF'
Moscow
Vladivostok
Georgia
Georgia, USA
Springfield --limit 20
Pyongyang --limit 3
Komsomolsk-na-Amure
Vladivostk
Seoul --exact
Paris --country FR,US
Portland --near 45.5,-122.7
Kazan --feature-class P
Alexandria --bbox 25,20,40,35
Пхеньян
서울
Xyzzyplugh
EOF
  i=0
  for p in Mos Vla "new y" Ulan Seo; do
    i=$((i + 1)); run "search_$i" $g_ search "$p"
  done
  i=0
  for pt in "43.1 131.9" "55.75 37.62" "-33.9 151.2" "0 -140" "39.0 125.75"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    run "reverse_$i" $g_ reverse -- $pt
  done
  # Articles: the samples, the itinerary fixtures and the multilingual texts.
  local texts=("$src"/data/samples/*.txt "$src"/tests/data/itinerary/*.txt)
  run geoparse_all $g_ geoparse -q "${texts[@]}"
  run geoparse_ru $g_ geoparse -q --lang ru "$src/tests/data/multilingual/ru.txt"
  run geoparse_ko $g_ geoparse -q --lang ko "$src/tests/data/multilingual/ko.txt"
  run geoparse_geojson $g_ geoparse -q --format geojson "${texts[@]}"
  for t in "${texts[@]}"; do
    local n; n=$(basename "$t" .txt)
    run "itinerary_$n" $g_ -q itinerary "$t"
    run "itinerary_${n}_geojson" $g_ -q itinerary --format geojson "$t"
  done
  run route_names $g_ -q route Vladivostok Khabarovsk Irkutsk Moscow --modes train,train,plane
  run route_mixed $g_ -q route "Start=43.1,131.9" Seoul@KR "Tokyo" --dates 2024-01-02,2024-01-03
  run route_dateline $g_ -q route "A=-13.8,-171.8" "B=-18.1,178.4" "C=21.3,-157.8" --modes plane,plane
  run route_ambiguous $g_ -q route Springfield Moscow
  # The CLI reference cases, run with this tool and this tool's fixture index.
  if [ "${SKIP_CLI_CASES:-0}" != 1 ]; then
    for case_file in "$src"/tests/cli/*.cmd; do
      local name; name=$(basename "$case_file" .cmd)
      (
        export DATA="$src/tests/data" INDEX="$fixture" BIN="$bin" GAZETTEER_SOURCE_DIR="$src"
        cd "$src/tests/cli" && set -o pipefail && eval "$(sed -n '2,$p' "$case_file" | grep -v '^#')"
      ) >"$out/cli_$name.out" 2>"$out/cli_$name.err"
      echo $? >"$out/cli_$name.code"
    done
  fi
}

collect a "$bin_a"
collect b "$bin_b"

# What differs between any two runs is masked in the messages (stderr) before comparing: the
# names of temporary folders, timings and throughputs, and the process ids of killed runs.
for f in "$work"/a/*.err "$work"/b/*.err; do
  sed -E -i -e 's#/tmp/tmp\.[A-Za-z0-9]+#TMP#g' -e 's/ in [0-9.]+ s/ in N s/g' \
    -e 's/[0-9.]+ (articles|places|rows|records)\/s/N \1\/s/g' -e 's/line [0-9]+: +[0-9]+ Killed/line N: PID Killed/g' "$f"
done

status=0
files=0
for f in "$work/a"/*; do
  n=$(basename "$f")
  case "$n" in pin_time.*) continue ;; esac
  files=$((files + 1))
  if [ ! -e "$work/b/$n" ]; then echo "only in A: $n"; status=1
  elif ! cmp -s "$f" "$work/b/$n"; then echo "differs: $n"; status=1
  fi
done
for f in "$work/b"/*; do
  [ -e "$work/a/$(basename "$f")" ] || { echo "only in B: $(basename "$f")"; status=1; }
done
if [ $status = 0 ]; then
  echo "identical: $files files (indexes, stdout, stderr, exit codes)"
fi
exit $status
