# exit 1
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT; mkfifo "$t/index.fifo"; timeout 10 "$BIN" --index "$t/index.fifo" lookup Khasan 2>&1 | sed "s|$t|TMP|g"
