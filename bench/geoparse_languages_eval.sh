#!/usr/bin/env bash
# Russian and Korean geoparsing quality (issue 16): score.py figures on the development sets
# (../shared/eval/multilingual/{ru,ko}, skipped when absent) and on this project's own annotated
# texts (tests/data/multilingual/{ru,ko}.txt), which stand in for the held-out sets.
#
# Usage: bench/geoparse_languages_eval.sh [GAZETTEER_BIN]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$here/build/bin/gazetteer}"
score="$here/../shared/eval/score.py"
[[ -f "$score" ]] || { echo "no $score: nothing to score with, skipped"; exit 0; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
summary() {
    python3 -c 'import json, sys
d = json.load(sys.stdin)
print("  gold %d predicted %d  P %.3f R %.3f F1 %.3f  Acc@161 %.3f  F1@161 %.3f" % (
    d["gold"], d["predicted"], d["precision"], d["recall"], d["f1"], d["acc161"], d["f1_161"]))'
}
for lang in ru ko; do
    dev="$here/../shared/eval/multilingual/$lang"
    if [[ -f "$dev/articles.jsonl" ]]; then
        echo "== development set $lang ($dev)"
        "$bin" geoparse -q "$dev/articles.jsonl" -o "$tmp/dev-$lang.jsonl"
        python3 "$score" "$dev/gold.txt" "$dev/articles.jsonl" "$tmp/dev-$lang.jsonl" --json | summary
    fi
    echo "== own texts $lang (tests/data/multilingual/$lang.txt)"
    python3 "$here/tests/data/multilingual/make_eval.py" "$here/tests/data/multilingual/$lang.txt" "$tmp/own-$lang"
    "$bin" geoparse -q "$tmp/own-$lang/articles.jsonl" -o "$tmp/own-$lang/out.jsonl"
    python3 "$score" "$tmp/own-$lang/gold.txt" "$tmp/own-$lang/articles.jsonl" "$tmp/own-$lang/out.jsonl" --json | summary
done
