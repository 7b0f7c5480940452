# exit 0
"$BIN" --index "$INDEX" reverse 42.43 130.64 --limit 2
