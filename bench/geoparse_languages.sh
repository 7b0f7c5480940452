#!/usr/bin/env bash
# Geoparser throughput per language: Russian and Korean articles (issue 16 asks for >= 2,000
# articles/s per core) beside English, each through bench/geoparse_throughput.sh (medians of 5).
#
# Usage: bench/geoparse_languages.sh [GAZETTEER_BIN] [REPEAT]
# Reads ../shared/eval/multilingual/{ru,ko}/articles.jsonl and ../shared/eval/geowebnews (skips
# what is missing). REPEAT copies of each set make one input (default 200).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$here/build/bin/gazetteer}"
repeat="${2:-200}"
shared="$here/../shared/eval"
for set in multilingual/ru multilingual/ko geowebnews; do
    f="$shared/$set/articles.jsonl"
    [[ -f "$f" ]] || { echo "== $set: no $f, skipped"; continue; }
    echo "== $set"
    bash "$here/bench/geoparse_throughput.sh" "$bin" "$f" "$repeat" 1
done
