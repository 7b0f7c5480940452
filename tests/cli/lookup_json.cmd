# exit 0
"$BIN" --index "$INDEX" lookup Khasan --country ru --format json
