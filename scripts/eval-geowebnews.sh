#!/usr/bin/env bash
# Scores `gazetteer geoparse` on GeoWebNews (Gritta et al. 2019) split into two fixed halves:
# articles at an even 0-based line index form the development half, those at an odd index the
# test half. Rules are tuned on the development half only; the README quotes the test half.
#
# Usage: scripts/eval-geowebnews.sh [--kinds LIST] [--bin PATH] [--eval DIR]
#   --kinds   passed to geoparse (default: every kind; GeoWebNews annotates demonyms as toponyms)
#   --bin     the gazetteer tool (default build/bin/gazetteer)
#   --eval    folder with geowebnews/{articles.jsonl,gold.txt} and score.py (default ../shared/eval)
# Prints the scorer's figures for each half (and the whole set) as JSON lines, one per half.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$here/build/bin/gazetteer
eval_dir=$here/../shared/eval
kinds=""
while [ $# -gt 0 ]; do
  case $1 in
    --kinds) kinds=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --eval) eval_dir=$2; shift 2 ;;
    *) echo "usage: $0 [--kinds LIST] [--bin PATH] [--eval DIR]" >&2; exit 2 ;;
  esac
done
set_dir=$eval_dir/geowebnews
for f in "$set_dir/articles.jsonl" "$set_dir/gold.txt" "$eval_dir/score.py"; do
  [ -f "$f" ] || { echo "eval-geowebnews: missing $f" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "eval-geowebnews: no gazetteer tool at $bin (build first)" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# The split: line n (0-based) of articles.jsonl goes with line n of gold.txt.
awk -v dir="$work" 'NR % 2 == 1 { print > (dir "/dev.articles.jsonl") } NR % 2 == 0 { print > (dir "/test.articles.jsonl") }' "$set_dir/articles.jsonl"
awk -v dir="$work" 'NR % 2 == 1 { print > (dir "/dev.gold.txt") } NR % 2 == 0 { print > (dir "/test.gold.txt") }' "$set_dir/gold.txt"
cp "$set_dir/articles.jsonl" "$work/all.articles.jsonl"; cp "$set_dir/gold.txt" "$work/all.gold.txt"

kind_args=()
[ -n "$kinds" ] && kind_args=(--kinds "$kinds")
echo "# $("$bin" --version 2>/dev/null | head -1); kinds: ${kinds:-all}; split: even line index = dev, odd = test" >&2
for half in dev test all; do
  "$bin" geoparse -q "${kind_args[@]}" "$work/$half.articles.jsonl" -o "$work/$half.pred.jsonl"
  figures=$(python3 "$eval_dir/score.py" "$work/$half.gold.txt" "$work/$half.articles.jsonl" "$work/$half.pred.jsonl" --json)
  echo "{\"half\": \"$half\", ${figures#\{}"
done
