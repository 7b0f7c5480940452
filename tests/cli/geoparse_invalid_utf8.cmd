# exit 0
# Stray bytes in a text file and in a JSON Lines record: the output is valid UTF-8 JSON, offsets
# count code points as Python's "replace" decoding does, and the summary counts the repairs.
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; printf 'Caf\351 owners in Kazan\377 said prices rose in Vladivostok.' > "$t/a.txt"; printf '{"id": "b", "text": "Talks in Gen\350ve and Seoul\300\257, then Pyongyang."}\n' > "$t/b.jsonl"; cd "$t" && "$BIN" --index "$INDEX" geoparse -o out.jsonl a.txt b.jsonl && python3 -c '
import json, sys
texts = {"a": open("a.txt", "rb").read().decode("utf-8", "replace"),
         "b": json.loads(open("b.jsonl", "rb").read().decode("utf-8", "replace"))["text"]}
for line in open("out.jsonl", "rb"):
    r = json.loads(line.decode("utf-8"))
    for m in r["mentions"]:
        assert texts[r["id"]][m["start"]:m["end"]] == m["text"], m
        print(r["id"], m["start"], m["end"], m["text"], m["name"])
'
