#!/usr/bin/env bash
# Peak memory of `gazetteer geoparse` on one long article, as a text file and as one JSON Lines
# record: long texts are parsed in windows (GeoparseOptions::window_bytes) and their mentions
# streamed to the output, so memory grows with the article's text and JSON, not with the
# parser's working set. Goal: a 50 MB article under 1 GB peak.
#
# Usage: bench/geoparse_memory.sh [GAZETTEER_BIN] [ARTICLES.jsonl] [MEGABYTES]
# Defaults: build/bin/gazetteer, ../shared/eval/geowebnews/articles.jsonl (its texts joined and
# repeated up to the size), 50 MB. Prints the command, the data size, the machine, wall time and
# peak RSS (/usr/bin/time -v) of 3 runs each, and their medians.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$here/build/bin/gazetteer}"
articles="${2:-$here/../shared/eval/geowebnews/articles.jsonl}"
megabytes="${3:-50}"
[[ -x "$bin" ]] || { echo "no gazetteer binary at $bin" >&2; exit 2; }
[[ -f "$articles" ]] || { echo "no articles at $articles" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$articles" "$megabytes" "$tmp" <<'PY'
import json, sys
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
block = "\n\n".join(texts) + "\n\n"
want = int(sys.argv[2]) * 1000 * 1000
reps = -(-want // len(block.encode("utf-8")))
text = block * reps
open(sys.argv[3] + "/long.txt", "w", encoding="utf-8").write(text)
open(sys.argv[3] + "/long.jsonl", "w", encoding="utf-8").write(json.dumps({"id": "long", "text": text}) + "\n")
PY
echo "machine:  $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(nproc) cores"
for input in long.txt long.jsonl; do
    cmd=("$bin" geoparse -q "$tmp/$input" -o "$tmp/out.jsonl")
    echo "command:  ${cmd[*]}"
    echo "data:     one article, $(( $(stat -c %s "$tmp/$input") / 1000000 )) MB ($input)"
    rss=(); secs=()
    for run in 1 2 3; do
        /usr/bin/time -v "${cmd[@]}" 2> "$tmp/time.txt"
        rss+=("$(awk -F': ' '/Maximum resident set size/{print $2}' "$tmp/time.txt")")
        secs+=("$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time.txt")")
    done
    printf 'peak RSS: %.0f MiB (median of 3: %s kB)\n' "$(( $(printf '%s\n' "${rss[@]}" | sort -n | sed -n 2p) / 1024 ))" "${rss[*]}"
    printf 'time:     %s s (median of 3)\n' "$(printf '%s\n' "${secs[@]}" | sort -g | sed -n 2p)"
    echo "output:   $(( $(stat -c %s "$tmp/out.jsonl") / 1000000 )) MB of JSON Lines"
done
