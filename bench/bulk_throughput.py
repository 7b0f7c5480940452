#!/usr/bin/python3
"""Bulk geoparsing throughput: the single-process CLI, gazetteer-bulk on Dask with 1 and 2
workers (scaling efficiency), and PostGIS write throughput, all on the same synthetic input.

    bench/bulk_throughput.py [--build build] [--articles 20000] [--repeat 3] [--partition-size 1000]

Prints the commands, the data size, the machine and its load, and medians. The PostGIS figures
come from a private PostgreSQL cluster (tests/bulk/private_postgres.py; default settings, fsync
on) fed with batches geoparsed beforehand, so they measure the database side alone: the rate at
which it takes articles (with their places and mentions) by COPY and the idempotent insert.
Exits 77 when Dask, PostgreSQL or PostGIS is missing.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} (1/5 min) on {os.cpu_count()} cores"


def timed(cmd, env):
    t0 = time.monotonic()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    secs = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return secs, r.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--partition-size", type=int, default=1000)
    ap.add_argument("--only", choices=("cli", "dask", "postgis"), action="append",
                    help="run only these parts (repeatable; default all)")
    a = ap.parse_args()
    parts = set(a.only or ("cli", "dask", "postgis"))
    build = os.path.abspath(a.build)
    cli = os.path.join(build, "bin", "gazetteer")
    bulk = os.path.join(build, "bin", "gazetteer-bulk")
    index = os.path.join(build, "share", "gazetteer", "default.gzidx")
    sys.path[:0] = [os.path.join(build, "python"), os.path.join(ROOT, "tests", "bulk")]
    try:
        import distributed  # noqa: F401
        from private_postgres import PrivatePostgres, Unavailable
    except ImportError as e:
        print(f"SKIPPED: {e}")
        sys.exit(77)
    env = dict(os.environ, GAZETTEER_INDEX=index)

    with tempfile.TemporaryDirectory(prefix="gz-bulk-bench-") as tmp:
        data = os.path.join(tmp, "articles.jsonl")
        subprocess.run([sys.executable, os.path.join(HERE, "synth_articles.py"), str(a.articles), data], check=True)
        size = os.path.getsize(data)
        print(f"data:     {a.articles} synthetic articles (bench/synth_articles.py), {size / 1e6:.1f} MB JSONL")
        print(f"machine:  {os.uname().sysname} {os.uname().release}; {os.cpu_count()} cores; {load()} at start")

        if "cli" in parts:
            bench_cli(cli, data, tmp, env, a)
        if "dask" in parts:
            bench_dask(bulk, data, tmp, env, a)
        if "postgis" not in parts:
            return
        # 3. PostGIS write throughput of pre-geoparsed batches.
        try:
            pg = PrivatePostgres(port=5433).start()
        except Unavailable as e:
            print(f"postgis:  SKIPPED ({e})")
            return
        try:
            postgis_bench(pg, data, index, a)
            end_to_end(pg, bulk, data, env, a)
        finally:
            pg.stop()


def bench_cli(cli, data, tmp, env, a):
    """1. The single-process CLI (one thread)."""
    cmd = [cli, "geoparse", "-q", "--jobs", "1", data, "-o", os.path.join(tmp, "cli.jsonl")]
    print(f"\ncommand:  {' '.join(cmd)}")
    timed(cmd, env)  # warm the page cache
    cli_rates = [a.articles / timed(cmd, env)[0] for _ in range(a.repeat)]
    cli_rate = statistics.median(cli_rates)
    print(f"cli:      {cli_rate:,.0f} articles/s (median of {a.repeat}: {', '.join(f'{r:,.0f}' for r in cli_rates)}); {load()}")


def bench_dask(bulk, data, tmp, env, a):
    # 2. Dask, 1 and 2 workers, JSON Lines out (no database in the way). The tool prints its
    # rate once the cluster is up; the wall time with the cluster start is shown beside it.
    rates = {}
    for workers in (1, 2):
        runs, walls = [], []
        for i in range(a.repeat):
            out = os.path.join(tmp, f"dask-{workers}-{i}.jsonl")
            cmd = [bulk, data, "--output", out, "--workers", str(workers), "--partition-size", str(a.partition_size)]
            secs, err = timed(cmd, env)
            m = re.search(r"after the cluster was up: ([\d,]+) articles/s", err)
            runs.append(float(m.group(1).replace(",", "")))
            walls.append(a.articles / secs)
            os.unlink(out)
        rates[workers] = statistics.median(runs)
        print(f"\ncommand:  {' '.join(cmd[:3])} OUT.jsonl {' '.join(cmd[4:])}")
        print(f"dask {workers}w:  {rates[workers]:,.0f} articles/s with the cluster up (median of {a.repeat}: "
              f"{', '.join(f'{r:,.0f}' for r in runs)}); {statistics.median(walls):,.0f} articles/s wall time "
              f"including the cluster start; {load()}")
    speedup = rates[2] / rates[1]
    print(f"scaling:  2 workers / 1 worker = {speedup:.2f}x (efficiency {speedup / 2:.0%}; goal >= 1.6x)")


def postgis_bench(pg, data, index, a):
    import _gazetteer_engine as engine
    from gazetteer_bulk import inputs, postgis

    idx = engine.Index.open(index)
    version = idx.gazetteer_version()
    schemas = engine.bulk_layer_schemas()
    parts = inputs.plan_partitions([data], a.partition_size)
    batches = []
    for p in parts:
        b = engine.BulkInput()
        for path, first, chunk in inputs.read_partition(p).chunks:
            b.read_jsonl(path, first, chunk)
        batches.append(idx.geoparse_batch(b))
    n = sum(b.counts["articles"] for b in batches)
    rows = sum(b.counts["articles"] + b.counts["places"] + b.counts["mentions"] for b in batches)
    print(f"\npostgis:  {n} articles = {rows} rows (articles + places + mentions) in {len(batches)} batches of "
          f"{a.partition_size}; PostgreSQL {pg.bin.split('/')[-2]}, private cluster, default settings (fsync on)")
    # As gazetteer-bulk does: a first load into new tables gets its GiST indexes at the end (their
    # build is inside the timing).
    for writers, phase in ((1, "new tables"), (2, "new tables")):
        rates = []
        for i in range(a.repeat):
            schema = f"w{writers}_{i}"
            url = pg.url(schema=schema)
            conn = postgis.connect(url)
            postgis.prepare(conn, schemas, schema)
            conn.close()
            ws = [postgis.BatchWriter(url, schemas) for _ in range(writers)]

            def work(k):
                for b in batches[k::writers]:
                    ws[k].write(b, "bench", version, [])

            t0 = time.monotonic()
            threads = [threading.Thread(target=work, args=(k,)) for k in range(writers)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            postgis.create_spatial_indexes(ws[0].conn, schemas, schema)
            rates.append(n / (time.monotonic() - t0))
            stored = ws[0].existing([f"synth-{j:06d}" for j in range(n)], version)
            assert len(stored) == n, f"{len(stored)} of {n} articles stored"
            for w in ws:
                w.conn.close()
        r = statistics.median(rates)
        print(f"postgis {writers} writer{'s' if writers > 1 else ''}, {phase}: {r:,.0f} articles/s, "
              f"{r * rows / n:,.0f} rows/s (median of {a.repeat}: {', '.join(f'{x:,.0f}' for x in rates)}); {load()}")


def end_to_end(pg, bulk, data, env, a):
    """gazetteer-bulk with 2 workers into PostGIS: how close it stays to the JSON Lines rate."""
    runs = []
    for i in range(a.repeat):
        cmd = [bulk, data, "--output", pg.url(schema=f"e2e_{i}"), "--workers", "2", "--partition-size", str(a.partition_size)]
        _secs, err = timed(cmd, env)
        m = re.search(r"after the cluster was up: ([\d,]+) articles/s", err)
        runs.append(float(m.group(1).replace(",", "")))
    print(f"\ncommand:  {' '.join(cmd[:3])} postgresql:///... {' '.join(cmd[4:])}")
    print(f"dask 2w -> postgis: {statistics.median(runs):,.0f} articles/s with the cluster up (median of {a.repeat}: "
          f"{', '.join(f'{r:,.0f}' for r in runs)}); {load()}")


if __name__ == "__main__":
    main()
