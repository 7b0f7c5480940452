#!/usr/bin/env bash
# Runs one command-line reference case: tests/cli/NAME.cmd holds the arguments of the tool (one
# shell line after the "# exit N" header; $DATA is tests/data, $INDEX the test index);
# NAME.out is the expected stdout and NAME.err, when present, a pattern stderr must contain.
set -u
case_file=$1
dir=$(dirname "$case_file"); name=$(basename "$case_file" .cmd)
expected_exit=$(sed -n '1s/^# exit \([0-9]*\).*/\1/p' "$case_file")
: "${expected_exit:=0}"
DATA=$GAZETTEER_TEST_DATA
INDEX=${GAZETTEER_CLI_INDEX:-$GAZETTEER_BINARY_DIR/tests/cli-test.gzidx}
BIN=$GAZETTEER_BIN
export DATA INDEX BIN
[ -f "$INDEX" ] || { echo "missing test index $INDEX (the cli_fixture_index test builds it)"; exit 1; }
out=$(mktemp); err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
# pipefail: a case that pipes the tool's output through sed still reports the tool's exit code.
(cd "$dir" && set -o pipefail && eval "$(sed -n '2,$p' "$case_file" | grep -v '^#')") >"$out" 2>"$err"
code=$?
status=0
if [ "$code" != "$expected_exit" ]; then
  echo "exit code $code, expected $expected_exit"; echo "--- stderr"; cat "$err"; status=1
fi
if [ -f "$dir/$name.out" ] && ! diff -u "$dir/$name.out" "$out"; then
  echo "stdout differs from $name.out"; status=1
fi
if [ -f "$dir/$name.err" ] && ! grep -qF -f "$dir/$name.err" "$err"; then
  echo "stderr lacks: $(cat "$dir/$name.err")"; echo "--- stderr"; cat "$err"; status=1
fi
exit $status
