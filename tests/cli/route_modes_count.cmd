# exit 2
"$BIN" route 1,2 3,4 5,6 --modes train
