# exit 1
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; printf 'GIF89a\001\000\001\000\200\000\000Ak Dhaka' > "$t/photo.txt"; cd "$t" && "$BIN" --index "$INDEX" geoparse -q -o out.jsonl photo.txt; code=$?; [ ! -e out.jsonl ] || echo "out.jsonl written"; exit $code
