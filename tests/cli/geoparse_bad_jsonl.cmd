# exit 1
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; printf '{"id": "a", "text": "In Moscow."}\n{"id": "b", "text": \n' > "$t/in.jsonl"; cd "$t" && "$BIN" --index "$INDEX" geoparse -q in.jsonl
