# exit 0
printf 'Officials in Moscow said the delegation would fly from Vladivostok to Seoul. A Moscow-based analyst disagreed.' | "$BIN" --index "$INDEX" geoparse -q -
