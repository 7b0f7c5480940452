#!/usr/bin/python3
"""Helpers of bench/compare_lookup.sh: the same names in SQLite FTS5 (trigram) and PostgreSQL pg_trgm.

    compare_lookup.py extract DUMP OUT.tsv [--places N]     names of a GeoNames dump, one per row
    compare_lookup.py sqlite NAMES.tsv DB QUERIES REPEAT OUT.json
    compare_lookup.py pg CONNINFO QUERIES REPEAT OUT.json     (the table is loaded by the script)
    compare_lookup.py report ENGINE.txt SQLITE.json PG.json   the combined table and ratios

Every primary name, ASCII name and alternate name of each place (GeoNames dump README, columns
2-4) becomes one row (place_id, name, lat, lon, population, country), duplicates within a place
removed. Latency is timed around the call that runs the query and fetches its rows, from Python:
the interpreter adds a few microseconds per query, which the report measures and prints.
Only the standard library is used; PostgreSQL is reached through libpq (ctypes) with
protocol-level prepared statements on one persistent connection.
"""

import ctypes
import json
import math
import sqlite3
import sys
import time

LIMIT = 5
RECALL_KM = 10.0


def haversine_km(lat1, lon1, lat2, lon2):
    # Same 6371 km sphere as gazetteer::haversine_km, so recall@1 is judged identically.
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def percentile(values, p):
    # Nearest rank, as lookup_bench computes it, so the three columns are comparable.
    v = sorted(values)
    return v[min(len(v) - 1, int(p * (len(v) - 1) + 0.5))] if v else 0.0


def read_queries(path):
    queries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t") + [""]
            queries.append({"text": cols[0], "kind": cols[1], "lat": float(cols[2]), "lon": float(cols[3]),
                            "country": cols[4].strip()})
    return queries


def extract(dump, out, places):
    rows = 0
    with open(dump, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for n, line in enumerate(f):
            if places and n >= places:
                break
            c = line.rstrip("\n").split("\t")
            if len(c) < 19:
                continue
            names = [c[1], c[2]] + (c[3].split(",") if c[3] else [])
            seen = set()
            pop = c[14] or "0"
            for name in names:
                name = name.strip()
                if not name or name in seen:
                    continue
                seen.add(name)
                # PostgreSQL COPY text format: backslash is the escape character.
                safe = name.replace("\\", "\\\\")
                o.write(f"{c[0]}\t{safe}\t{c[4]}\t{c[5]}\t{pop}\t{c[8]}\n")
                rows += 1
    print(f"extract: {rows} names of {min(n + 1, places) if places else n + 1} places -> {out}")


def summarise(queries, timings, firsts, system, load_s, extra):
    kinds = {}
    for q, t, first in zip(queries, timings, firsts):
        k = kinds.setdefault(q["kind"], {"lat_us": [], "hits": 0, "n": 0, "misses": []})
        k["lat_us"].extend(t)
        hit = first is not None and haversine_km(first[0], first[1], q["lat"], q["lon"]) < RECALL_KM
        k["hits"] += hit
        k["n"] += 1
        if not hit:
            k["misses"].append(q["text"])
    out = {"system": system, "load_s": load_s, "kinds": {}}
    out.update(extra)
    for kind, k in kinds.items():
        med = percentile(k["lat_us"], 0.5)
        out["kinds"][kind] = {"queries": k["n"], "median_us": med, "p95_us": percentile(k["lat_us"], 0.95),
                              "qps": 1e6 / med if med else 0, "recall": k["hits"] / k["n"], "misses": k["misses"]}
    return out


# --- SQLite FTS5 ----------------------------------------------------------------------------------

def fts_phrase(text):
    return '"' + text.replace('"', '""') + '"'


def trigrams(text):
    t = text.lower()
    return sorted({t[i:i + 3] for i in range(len(t) - 2)})


def run_sqlite(names, db, queries_path, repeat, out):
    con = sqlite3.connect(db)
    if sqlite3.sqlite_version_info < (3, 34, 0):
        raise SystemExit(f"SQLite {sqlite3.sqlite_version} has no FTS5 trigram tokenizer (3.34+)")
    t0 = time.perf_counter()
    con.execute("DROP TABLE IF EXISTS names")
    # The trigram tokenizer (SQLite 3.34+) indexes every 3-character substring, case-folded,
    # which makes MATCH, LIKE and GLOB substring searches use the index.
    con.execute("CREATE VIRTUAL TABLE names USING fts5(name, place_id UNINDEXED, lat UNINDEXED, lon UNINDEXED, "
                "population UNINDEXED, country UNINDEXED, tokenize='trigram')")

    def rows():
        with open(names, encoding="utf-8") as f:
            for line in f:
                c = line.rstrip("\n").split("\t")
                yield (c[1].replace("\\\\", "\\"), int(c[0]), float(c[2]), float(c[3]), int(c[4]), c[5])

    with con:
        con.executemany("INSERT INTO names(name, place_id, lat, lon, population, country) VALUES (?,?,?,?,?,?)", rows())
    con.execute("INSERT INTO names(names) VALUES ('optimize')")
    con.commit()
    load_s = time.perf_counter() - t0
    count = con.execute("SELECT count(*) FROM names").fetchone()[0]

    # What a user of FTS5 would write: the name as a phrase (a substring match through the
    # trigram index), exact equality first, then population. When no row equals the query the
    # query falls back to "any of its trigrams" ranked by bm25 (FTS5 has no edit distance; the
    # spellfix1 extension that has one is not part of Debian's SQLite).
    phrase_sql = ("SELECT name, lat, lon FROM names WHERE names MATCH :m {country} "
                  "ORDER BY (name = :q COLLATE NOCASE) DESC, population DESC LIMIT 5")
    fuzzy_sql = "SELECT name, lat, lon FROM names WHERE names MATCH :m {country} ORDER BY rank, population DESC LIMIT 5"
    prefix_sql = "SELECT name, lat, lon FROM names WHERE name LIKE :m {country} ORDER BY population DESC LIMIT 5"

    def sql(template, country):
        return template.format(country="AND country = :cc" if country else "")

    def name_query(q):
        country = q["country"]
        args = {"m": fts_phrase(q["text"]), "q": q["text"], "cc": country}
        r = con.execute(sql(phrase_sql, country), args).fetchall()
        if r and r[0][0].lower() == q["text"].lower():
            return r
        grams = trigrams(q["text"])
        if not grams:  # fewer than 3 characters: the trigram index cannot answer
            return r
        args["m"] = " OR ".join(fts_phrase(g) for g in grams)
        return con.execute(sql(fuzzy_sql, country), args).fetchall() or r

    def prefix_query(q):
        country = q["country"]
        # No ESCAPE clause: with one, FTS5 no longer answers LIKE from the trigram index.
        return con.execute(sql(prefix_sql, country), {"m": q["text"] + "%", "cc": country}).fetchall()

    queries = read_queries(queries_path)
    timings, firsts = [], []
    for q in queries:
        fn = prefix_query if q["kind"] == "prefix" else name_query
        fn(q)  # warm
        t = []
        for _ in range(repeat):
            s = time.perf_counter()
            r = fn(q)
            t.append((time.perf_counter() - s) * 1e6)
        timings.append(t)
        firsts.append((r[0][1], r[0][2]) if r else None)
    # The cost of the Python call path alone, for the reader to subtract.
    t = []
    for _ in range(1000):
        s = time.perf_counter()
        con.execute("SELECT 1").fetchall()
        t.append((time.perf_counter() - s) * 1e6)
    res = summarise(queries, timings, firsts, f"SQLite {sqlite3.sqlite_version} FTS5 trigram", load_s,
                    {"rows": count, "overhead_us": percentile(t, 0.5)})
    with open(out, "w") as f:
        json.dump(res, f)
    print(f"sqlite: {count} rows loaded and indexed in {load_s:.1f} s")


# --- PostgreSQL pg_trgm through libpq -------------------------------------------------------------

class LibPQ:
    """The few libpq calls needed, through ctypes (libpq5 ships with every PostgreSQL install)."""

    def __init__(self, conninfo):
        lib = ctypes.CDLL("libpq.so.5")
        P, S, I = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        for name, res, args in [("PQconnectdb", P, [S]), ("PQstatus", I, [P]), ("PQerrorMessage", S, [P]),
                                ("PQprepare", P, [P, S, S, I, P]),
                                ("PQexecPrepared", P, [P, S, I, ctypes.POINTER(S), P, P, I]),
                                ("PQexec", P, [P, S]), ("PQresultStatus", I, [P]),
                                ("PQresultErrorMessage", S, [P]), ("PQntuples", I, [P]),
                                ("PQgetvalue", S, [P, I, I]), ("PQclear", None, [P]), ("PQfinish", None, [P])]:
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = res, args
        self.lib = lib
        self.conn = lib.PQconnectdb(conninfo.encode())
        if lib.PQstatus(self.conn) != 0:
            raise SystemExit("pg: " + lib.PQerrorMessage(self.conn).decode())

    def _check(self, res):
        if self.lib.PQresultStatus(res) not in (1, 2):  # PGRES_COMMAND_OK, PGRES_TUPLES_OK
            msg = self.lib.PQresultErrorMessage(res).decode()
            self.lib.PQclear(res)
            raise SystemExit("pg: " + msg)
        return res

    def exec(self, sql):
        res = self._check(self.lib.PQexec(self.conn, sql.encode()))
        rows = [[self.lib.PQgetvalue(res, r, 0).decode()] for r in range(self.lib.PQntuples(res))]
        self.lib.PQclear(res)
        return rows

    def prepare(self, name, sql, nparams):
        self.lib.PQclear(self._check(self.lib.PQprepare(self.conn, name.encode(), sql.encode(), nparams, None)))

    def execute(self, name, params, ncols):
        arr = (ctypes.c_char_p * len(params))(*[p.encode() for p in params])
        res = self._check(self.lib.PQexecPrepared(self.conn, name.encode(), len(params), arr, None, None, 0))
        rows = [[self.lib.PQgetvalue(res, r, c).decode() for c in range(ncols)] for r in range(self.lib.PQntuples(res))]
        self.lib.PQclear(res)
        return rows


def run_pg(conninfo, queries_path, repeat, out):
    pg = LibPQ(conninfo)
    version = pg.exec("SHOW server_version")[0][0].split()[0]
    count = int(pg.exec("SELECT count(*) FROM names")[0][0])
    # The Nominatim-style query: trigram similarity through the GIN index (the % operator,
    # pg_trgm.similarity_threshold 0.3 by default), best similarity first, then population.
    # One query serves exact, alternate and misspelt names, as it does in such servers.
    base = "SELECT name, lat, lon FROM names WHERE name % $1 {c} ORDER BY similarity(name, $1) DESC, population DESC LIMIT 5"
    pg.prepare("name", base.format(c=""), 1)
    pg.prepare("name_cc", base.format(c="AND country = $2"), 2)
    # Type-ahead: ILIKE 'prefix%' also uses the trigram index (3+ characters).
    pre = "SELECT name, lat, lon FROM names WHERE name ILIKE $1 {c} ORDER BY population DESC LIMIT 5"
    pg.prepare("prefix", pre.format(c=""), 1)
    pg.prepare("prefix_cc", pre.format(c="AND country = $2"), 2)
    queries = read_queries(queries_path)
    timings, firsts = [], []
    for q in queries:
        if q["kind"] == "prefix":
            text = q["text"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            stmt = "prefix"
        else:
            text, stmt = q["text"], "name"
        params = [text] + ([q["country"]] if q["country"] else [])
        if q["country"]:
            stmt += "_cc"
        pg.execute(stmt, params, 3)  # warm
        t = []
        for _ in range(repeat):
            s = time.perf_counter()
            r = pg.execute(stmt, params, 3)
            t.append((time.perf_counter() - s) * 1e6)
        timings.append(t)
        firsts.append((float(r[0][1]), float(r[0][2])) if r else None)
    pg.prepare("one", "SELECT 1", 0)
    t = []
    for _ in range(1000):
        s = time.perf_counter()
        pg.execute("one", [], 1)
        t.append((time.perf_counter() - s) * 1e6)
    res = summarise(queries, timings, firsts, f"PostgreSQL {version} pg_trgm GIN", 0.0,
                    {"rows": count, "overhead_us": percentile(t, 0.5)})
    with open(out, "w") as f:
        json.dump(res, f)


# --- The combined report --------------------------------------------------------------------------

def parse_engine(path):
    kinds, misses = {}, []
    header = False
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if line.startswith("  miss:"):
            misses.append(line.strip())
        elif f[:1] == ["kind"]:
            header = True
        elif header and len(f) >= 6:
            kinds[f[0]] = {"queries": int(f[1]), "median_us": float(f[2]), "p95_us": float(f[3]),
                           "qps": float(f[4]), "recall": float(f[5])}
    return {"system": "gazetteer engine (in-process C++)", "kinds": kinds, "misses": misses}


def report(engine_txt, sqlite_json, pg_json):
    systems = [parse_engine(engine_txt)]
    for p in (sqlite_json, pg_json):
        try:
            with open(p) as f:
                systems.append(json.load(f))
        except (OSError, ValueError):
            pass
    kinds = ["exact", "alternate", "typo", "prefix"]
    print(f"{'system':<36} {'kind':<10} {'queries':>7} {'median_us':>10} {'p95_us':>10} {'queries/s':>10} {'recall@1':>8}")
    for s in systems:
        for k in kinds:
            r = s["kinds"].get(k)
            if r:
                print(f"{s['system']:<36} {k:<10} {r['queries']:>7} {r['median_us']:>10.2f} {r['p95_us']:>10.2f} "
                      f"{r['qps']:>10.0f} {r['recall']:>8.2f}")
    eng = systems[0]["kinds"]
    for s in systems[1:]:
        print(f"\nspeed ratio, {s['system']} median / engine median (same run):")
        for k in kinds:
            if k in eng and k in s["kinds"] and eng[k]["median_us"] > 0:
                r = s["kinds"][k]
                print(f"  {k:<10} {r['median_us'] / eng[k]['median_us']:8.1f}x   recall@1 engine {eng[k]['recall']:.2f}"
                      f" vs {r['recall']:.2f}")
        print(f"  rows: {s.get('rows')}; Python call overhead (SELECT 1 round trip, median): {s.get('overhead_us', 0):.1f} us")
        missed = {k: v["misses"] for k, v in s["kinds"].items() if v.get("misses")}
        if missed:
            print("  missed (first result not within 10 km): " + "; ".join(f"{k}: {', '.join(v)}" for k, v in missed.items()))
    if systems[0]["misses"]:
        print("\nengine " + "; ".join(systems[0]["misses"]))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd = argv[1]
    if cmd == "extract":
        places = int(argv[argv.index("--places") + 1]) if "--places" in argv else 0
        extract(argv[2], argv[3], places)
    elif cmd == "sqlite":
        run_sqlite(argv[2], argv[3], argv[4], int(argv[5]), argv[6])
    elif cmd == "pg":
        run_pg(argv[2], argv[3], int(argv[4]), argv[5])
    elif cmd == "report":
        report(argv[2], argv[3], argv[4])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
