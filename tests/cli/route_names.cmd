# exit 0
"$BIN" --index "$INDEX" route Khasan@RU Vladivostok --modes train
