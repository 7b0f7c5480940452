# exit 1
"$BIN" --index "$INDEX" route Atlantis 43.1155,131.885
