# exit 1
"$BIN" --index "$INDEX" route Khasan@RU Vladivostok --modes train >/dev/full
