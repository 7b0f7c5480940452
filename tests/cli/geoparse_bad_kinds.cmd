# exit 2
printf 'In Moscow.' | "$BIN" --index "$INDEX" geoparse -q --kinds literal,toponym -
