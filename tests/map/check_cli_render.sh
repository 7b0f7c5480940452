#!/usr/bin/env bash
# gazetteer render LAYER -o OUT: the tool execs gazetteer-render beside it; without it, it fails
# with exit 1 and a message naming the missing binary.
set -u
gazetteer=$1
layer=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$gazetteer" render "$layer" -o "$tmp/out.png" --size 640x400 --no-basemap --title "CLI test" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ]; then echo "render failed with $rc:"; cat "$tmp/err"; exit 1; fi
[ -s "$tmp/out.png" ] || { echo "no image written"; exit 1; }
head -c 8 "$tmp/out.png" | od -An -c | grep -q 'P   N   G' || { echo "not a PNG"; exit 1; }

# Usage errors of gazetteer-render come back unchanged (exit 2).
"$gazetteer" render "$layer" -o "$tmp/out.bmp" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || { echo "expected exit 2 for .bmp, got $rc"; cat "$tmp/err"; exit 1; }
grep -q "unknown image type" "$tmp/err" || { echo "unexpected message:"; cat "$tmp/err"; exit 1; }

# A lone copy of the tool has no gazetteer-render beside it.
cp "$gazetteer" "$tmp/gazetteer"
"$tmp/gazetteer" render "$layer" -o "$tmp/x.png" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || { echo "expected exit 1 without gazetteer-render, got $rc"; cat "$tmp/err"; exit 1; }
grep -q "gazetteer-render" "$tmp/err" || { echo "message does not name gazetteer-render:"; cat "$tmp/err"; exit 1; }
echo ok
