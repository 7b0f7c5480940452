# exit 1
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; printf '{"id": "a", "lang": "ru", "text": "Во Владивостоке."}\n{"id": "b", "lang": "klingon", "text": "x"}\n' > "$t/in.jsonl"; cd "$t" && "$BIN" --index "$INDEX" geoparse -q in.jsonl
