# exit 1
"$BIN" --index "$INDEX" lookup Khasan >/dev/full
