#!/usr/bin/env bash
# Scale curve: build time, peak memory, index size, open time and look-up latency of the engine on
# synthetic gazetteers in the GeoNames dump format (bench/synth_geonames.py), from 0.2M places up.
#
# Usage: bench/scale_curve.sh [--bin DIR] [--sizes 200000,1000000,4000000] [--repeat R] [--work DIR]
#   --bin     folder with gazetteer and lookup_bench (default: build/bin)
#   --sizes   comma-separated place counts; 13000000 (allCountries scale) is optional because it
#             takes long on a small machine: --sizes 200000,1000000,4000000,13000000
#   --repeat  timed runs of each query (default: 50)
#   --work    folder for the generated dump and indexes (default: a temporary folder, removed)
#
# The largest dump is generated once; each smaller size is its first N rows (the generator is
# prefix-stable), so every size answers the same 200 queries drawn from the first 200,000 places.
# Build time and peak memory come from /usr/bin/time -v around `gazetteer build`; open time is the
# median of lookup_bench's 21 opens; latencies are per query kind (exact, alternate, typo, prefix).
# Exits 77 (CTest's skip code) when /usr/bin/time or /usr/bin/python3 is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$here/build/bin"
sizes="200000,1000000,4000000"
repeat=50
work=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bin) bin="$2"; shift 2 ;;
        --sizes) sizes="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        *) echo "scale_curve: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ -x "$bin/gazetteer" && -x "$bin/lookup_bench" ]] || { echo "scale_curve: no gazetteer/lookup_bench in $bin" >&2; exit 2; }
if [[ ! -x /usr/bin/time || ! -x /usr/bin/python3 ]]; then
    echo "scale_curve: skipped: needs /usr/bin/time (Debian package time) and /usr/bin/python3"
    exit 77
fi

if [[ -z "$work" ]]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
else
    mkdir -p "$work"
fi
IFS=, read -r -a size_list <<< "$sizes"
largest=$(printf '%s\n' "${size_list[@]}" | sort -n | tail -1)

echo "command:  $0 --bin $bin --sizes $sizes --repeat $repeat"
echo "machine:  $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(nproc) cores; $(free -g | awk '/Mem:/{print $2}') GB"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
t0=$(date +%s.%N)
/usr/bin/python3 "$here/bench/synth_geonames.py" "$largest" "$work/synth.txt" "$work/queries.tsv"
printf 'data:     synthetic GeoNames dump of %s places generated in %.0f s (%.0f MB); %s queries x %s runs\n' \
    "$largest" "$(echo "$(date +%s.%N) - $t0" | bc -l)" "$(echo "$(stat -c %s "$work/synth.txt") / 1000000" | bc -l)" \
    "$(grep -vc '^#' "$work/queries.tsv")" "$repeat"

rows=()
for n in $(printf '%s\n' "${size_list[@]}" | sort -n); do
    dump="$work/synth.txt"
    if [[ "$n" -ne "$largest" ]]; then
        head -n "$n" "$work/synth.txt" > "$work/synth-$n.txt"
        dump="$work/synth-$n.txt"
    fi
    idx="$work/synth-$n.gzidx"
    if ! /usr/bin/time -v "$bin/gazetteer" build --no-defaults --geonames "$dump" -o "$idx" 2> "$work/build-$n.log"; then
        # Report and go on: a size that does not fit this machine is a finding, not a crash.
        echo "  $n places: build failed: $(grep -m1 -E 'error|Command terminated|signal' "$work/build-$n.log" || tail -1 "$work/build-$n.log")"
        awk -F': ' '/Maximum resident set size/{printf "  peak memory before failing: %.0f MB\n", $2/1024}' "$work/build-$n.log"
        rm -f "$idx" "$work/synth-$n.txt"
        continue
    fi
    build_s=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/build-$n.log")
    rss_mb=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$work/build-$n.log")
    names=$(grep -o '[0-9]* names' "$work/build-$n.log" | head -1 | cut -d' ' -f1)
    size_mb=$(echo "$(stat -c %s "$idx") / 1000000" | bc -l)
    [[ "$dump" == "$work/synth.txt" ]] || rm -f "$dump"
    "$bin/lookup_bench" --index "$idx" --queries "$work/queries.tsv" --repeat "$repeat" > "$work/lookup-$n.txt"
    # Again with one result per query: a larger gazetteer has more homonyms, so more queries fill
    # all 5 result slots, and building results is part of the latency.
    "$bin/lookup_bench" --index "$idx" --queries "$work/queries.tsv" --repeat "$repeat" --limit 1 > "$work/lookup1-$n.txt"
    open_ms=$(sed -n 's/.*open median \([0-9.]*\) ms.*/\1/p' "$work/lookup-$n.txt")
    lat=""
    for kind in exact alternate typo prefix; do
        lat+=$(awk -v k="$kind" '$1 == k && NF == 7 {printf " %9.2f %9.2f %5.2f", $3, $4, $6}' "$work/lookup-$n.txt")
    done
    lat+=$(awk '$1 == "exact" && NF == 7 {printf " %7.2f", $7}' "$work/lookup-$n.txt")
    lat+=$(awk '$1 == "exact" && NF == 7 {printf " %9.2f", $3}' "$work/lookup1-$n.txt")
    rows+=("$(printf '%10s %9s %8.1f %8s %9.1f %8.3f%s' "$n" "${names:-?}" "$build_s" "$rss_mb" "$size_mb" "$open_ms" "$lat")")
    rm -f "$idx"
    printf '  %s places: built in %.1f s, peak %s MiB, index %.1f MB, open %s ms\n' "$n" "$build_s" "$rss_mb" "$size_mb" "$open_ms"
done

echo
printf '%10s %9s %8s %8s %9s %8s' places names build_s peak_MiB index_MB open_ms
for kind in exact alternate typo prefix; do printf ' %9s %9s %5s' "${kind:0:5}_med" "${kind:0:5}_p95" "r@1"; done
printf ' %7s %9s' "ex_res" "ex1_med"
echo "   (latencies in us; ex_res: exact results per query at limit 5; ex1_med: exact median at limit 1)"
printf '%s\n' "${rows[@]}"
first=${rows[0]}; last=${rows[${#rows[@]}-1]}
if [[ ${#rows[@]} -gt 1 ]]; then
    echo
    echo "latency ratio, largest / smallest size (median per kind; target: within 2x):"
    for col in 7 10 13 16 20; do
        a=$(echo "$first" | awk -v c=$col '{print $c}'); b=$(echo "$last" | awk -v c=$col '{print $c}')
        kind=$(echo "exact alternate typo prefix" | awk -v i=$(((col - 4) / 3)) '{print $i}')
        [[ $col -eq 20 ]] && kind="exact (limit 1)"
        printf '  %-16s %6.2fx\n' "$kind" "$(echo "$b / ($a + 0.0001)" | bc -l)"
    done
fi
