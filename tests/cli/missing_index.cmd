# exit 1
"$BIN" --index /nonexistent/x.gzidx lookup Moscow
