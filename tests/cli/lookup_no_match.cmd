# exit 1
"$BIN" --index "$INDEX" lookup Atlantis
