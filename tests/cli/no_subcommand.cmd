# exit 2
"$BIN" --index "$INDEX"
