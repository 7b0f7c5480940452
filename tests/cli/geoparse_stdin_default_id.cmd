# exit 0
printf '{"text": "Officials in Moscow."}\n{"id": 7, "text": "In Seoul."}\n' | "$BIN" --index "$INDEX" geoparse -q - | sed 's/,"mentions".*//'
