#!/usr/bin/env bash
# Index build cost: wall time and peak memory (/usr/bin/time -v) of building the default index
# (GeoNames cities500 + country data + boundaries + the curated CSVs, as the build does), and the
# size of the file it writes.
#
# Usage: bench/build_index.sh [--bin DIR] [--data DIR] [--runs N]
#   --bin   folder with gazetteer (default: build/bin)
#   --data  folder with manifest.json from scripts/fetch-data.sh (default: the one beside --bin)
#   --runs  builds to time; the median wall time and the largest peak are reported (default: 3)
# Exits 77 (CTest's skip code) when /usr/bin/time is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$here/build/bin"
data=""
runs=3
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bin) bin="$2"; shift 2 ;;
        --data) data="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        *) echo "build_index: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ -n "$data" ]] || data="$(dirname "$bin")/data"
[[ -x "$bin/gazetteer" ]] || { echo "build_index: no gazetteer in $bin" >&2; exit 2; }
[[ -f "$data/manifest.json" ]] || { echo "build_index: no $data/manifest.json (scripts/fetch-data.sh)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "build_index: skipped: needs /usr/bin/time (Debian package time)"; exit 77; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
curated=()
for f in "$here"/data/curated/*.csv; do curated+=(--places "$f"); done
cmd=("$bin/gazetteer" build --data "$data" "${curated[@]}" -o "$tmp/default.gzidx")
echo "command:  /usr/bin/time -v ${cmd[*]}"
echo "machine:  $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(nproc) cores; $(free -g | awk '/Mem:/{print $2}') GB"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
times=(); peaks=()
for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -v "${cmd[@]}" 2> "$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$tmp/log")")
    peaks+=("$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$tmp/log")")
done
echo "data:     $(grep -o 'wrote .*' "$tmp/log" | sed 's/ in [0-9.]* s//; s/^wrote [^:]*: //')"
printf 'build:    %.2f s wall (median of %d), peak memory %s MiB (max RSS, largest of the runs)\n' \
    "$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")" "$runs" \
    "$(printf '%s\n' "${peaks[@]}" | sort -n | tail -1)"
printf 'index:    %.1f MB on disk (%s bytes)\n' "$(echo "$(stat -c %s "$tmp/default.gzidx") / 1000000" | bc -l)" \
    "$(stat -c %s "$tmp/default.gzidx")"
