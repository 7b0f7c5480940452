#!/usr/bin/env bash
# Geoparser throughput per language: Russian and Korean articles (issue 16 asks for >= 2,000
# articles/s per core) beside English. For each set: the wall-clock figures of
# bench/geoparse_throughput.sh (medians of 5, one job), then articles per CPU second (user + sys,
# median of 5), which stays meaningful on a machine shared with other jobs.
#
# Usage: bench/geoparse_languages.sh [GAZETTEER_BIN] [REPEAT]
# Reads ../shared/eval/multilingual/{ru,ko}/articles.jsonl and ../shared/eval/geowebnews (skips
# what is missing). REPEAT copies of each set make one input (default 400; GeoWebNews, 25 times
# larger, gets REPEAT/25).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$here/build/bin/gazetteer}"
repeat="${2:-400}"
shared="$here/../shared/eval"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for set in multilingual/ru multilingual/ko geowebnews; do
    f="$shared/$set/articles.jsonl"
    [[ -f "$f" ]] || { echo "== $set: no $f, skipped"; continue; }
    r=$repeat
    [[ "$set" == geowebnews ]] && r=$(( repeat / 25 > 0 ? repeat / 25 : 1 ))
    echo "== $set"
    bash "$here/bench/geoparse_throughput.sh" "$bin" "$f" "$r" 1
    for ((i = 0; i < r; i++)); do cat "$f"; done > "$tmp/in.jsonl"
    n=$(grep -c . "$tmp/in.jsonl")
    cpu=()
    for run in 1 2 3 4 5; do
        /usr/bin/time -f "%U %S" -o "$tmp/time" "$bin" geoparse -q "$tmp/in.jsonl" -o "$tmp/out.jsonl"
        cpu+=("$(awk '{print $1 + $2}' "$tmp/time")")
    done
    med=$(printf '%s\n' "${cpu[@]}" | sort -g | sed -n 3p)
    printf 'cpu:      %.2f s user+sys (median of 5): %.0f articles per CPU second\n' "$med" "$(echo "$n / $med" | bc -l)"
done
