# exit 0
"$BIN" route "Vladivostok=43.1155,131.885" "Khasan=42.4297,130.6464" 43.1155,131.885 --modes train,car --dates 2023-09-12,
