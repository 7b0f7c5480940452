#!/usr/bin/env bash
# Geoparser throughput, end to end (read JSON Lines, recognise, resolve, write JSON Lines), and
# start-up time (open the mmapped index, parse one short text).
#
# Usage: bench/geoparse_throughput.sh [GAZETTEER_BIN] [ARTICLES.jsonl] [REPEAT] [JOBS]
# Defaults: build/bin/gazetteer, ../shared/eval/geowebnews/articles.jsonl, 50 copies, 1 job.
# Prints the command, the data size and the machine, then articles/s, MB/s (in all and per core),
# peak memory (with /usr/bin/time) and start-up ms.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$here/build/bin/gazetteer}"
articles="${2:-$here/../shared/eval/geowebnews/articles.jsonl}"
repeat="${3:-50}"
jobs="${4:-1}"
[[ -x "$bin" ]] || { echo "no gazetteer binary at $bin" >&2; exit 2; }
[[ -f "$articles" ]] || { echo "no articles at $articles" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for ((i = 0; i < repeat; i++)); do cat "$articles"; done > "$tmp/in.jsonl"
n=$(grep -c . "$tmp/in.jsonl")
bytes=$(stat -c %s "$tmp/in.jsonl")
text_bytes=$(/usr/bin/python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1]) if l.strip()))' "$tmp/in.jsonl")

cmd=("$bin" geoparse -q --jobs "$jobs" "$tmp/in.jsonl" -o "$tmp/out.jsonl")
echo "command:  ${cmd[*]}"
echo "data:     $n articles ($repeat x $(basename "$articles")), $((bytes / 1000)) kB JSONL, $((text_bytes / 1000)) kB of text"
echo "machine:  $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(nproc) cores"
"${cmd[@]}" >/dev/null  # warm the page cache (index and input)
times=()
for run in 1 2 3 4 5; do
    t0=$(date +%s.%N)
    "${cmd[@]}"
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc -l)")
done
best=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)  # the median of 5 runs
printf 'time:     %.3f s (median of 5, jobs=%s)\n' "$best" "$jobs"
printf 'speed:    %.0f articles/s, %.1f MB/s of text\n' "$(echo "$n / $best" | bc -l)" "$(echo "$text_bytes / $best / 1000000" | bc -l)"
printf 'per core: %.0f articles/s, %.1f MB/s of text (jobs=%s)\n' "$(echo "$n / $best / $jobs" | bc -l)" \
    "$(echo "$text_bytes / $best / 1000000 / $jobs" | bc -l)" "$jobs"
if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v "${cmd[@]}" 2> "$tmp/time.txt"
    awk -F': ' '/Maximum resident set size/{printf "memory:   %.0f MiB peak RSS (the index is mapped; its pages count once loaded)\n", $2/1024}' "$tmp/time.txt"
fi

echo "Moscow" > "$tmp/one.txt"
"$bin" geoparse -q "$tmp/one.txt" >/dev/null
starts=()
for run in 1 2 3 4 5; do
    t0=$(date +%s.%N)
    "$bin" geoparse -q "$tmp/one.txt" >/dev/null
    t1=$(date +%s.%N)
    starts+=("$(echo "($t1 - $t0) * 1000" | bc -l)")
done
printf 'start-up: %.1f ms (one short text, median of 5)\n' "$(printf '%s\n' "${starts[@]}" | sort -g | sed -n 3p)"
