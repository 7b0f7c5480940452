# exit 2
"$BIN" --index "$INDEX" reverse 43.1 131.9 --radius nan
