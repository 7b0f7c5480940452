# exit 0
# A --resume run killed midway (SIGKILL, then SIGTERM, then a record cut short), resumed each
# time, yields the same output as one uninterrupted run: every article exactly once, in order,
# and no partial file left behind at the end.
set -eu; t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; cd "$t"
awk 'BEGIN { for (i = 1; i <= 40000; i++) printf "{\"id\": \"a%d\", \"text\": \"Report %d: the delegation flew from Vladivostok to Pyongyang, then on to Seoul and Moscow.\"}\n", i, i }' > in.jsonl
"$BIN" --index "$INDEX" geoparse -q in.jsonl -o full.jsonl
lines() { [ -e out.jsonl.partial ] && wc -l < out.jsonl.partial || echo 0; }
for sig in KILL TERM; do
  before=$(lines)
  "$BIN" --index "$INDEX" geoparse -q --resume in.jsonl -o out.jsonl & pid=$!
  # Wait for at least one more batch (256 articles) to be flushed, then kill.
  n=0; while [ "$(lines)" -lt $((before + 300)) ] && [ $n -lt 1000 ]; do sleep 0.01; n=$((n + 1)); done
  kill -$sig $pid; wait $pid || true
  [ ! -e out.jsonl ] || { echo "out.jsonl exists after SIG$sig"; exit 1; }
  [ -s out.jsonl.partial ] || { echo "no partial output after SIG$sig"; exit 1; }
  echo "SIG$sig: partial kept"
done
truncate -s -7 out.jsonl.partial   # the last record cut short, as by a kill inside a write
"$BIN" --index "$INDEX" geoparse -q --resume in.jsonl -o out.jsonl
cmp full.jsonl out.jsonl && echo "resumed output identical to one run"
python3 -c 'import json, collections; c = collections.Counter(json.loads(l)["id"] for l in open("out.jsonl")); print(len(c), "articles, each", set(c.values()), "time(s)")'
ls -A | sort | tr '\n' ' '; echo
"$BIN" --index "$INDEX" geoparse -q --resume in.jsonl -o out.jsonl   # nothing left to do
cmp full.jsonl out.jsonl && echo "a second resume changes nothing"
