#!/usr/bin/python3
"""What the Python face costs over the engine: look-up latency from Python, and geoparse of a set
of articles from Python against `gazetteer geoparse --jobs 1` on the same articles.

    bench/python_face.py [--build DIR] [--index FILE] [--queries TSV] [--repeat N] [--limit K]
                         [--articles JSONL] [--copies N] [--runs N] [--skip-geoparse]

Look-up: every query of bench/queries.tsv (the set lookup_bench uses, same --limit and country
filters) is run --repeat times through Index.lookup (Index.search for the "prefix" kind), each call
timed alone with time.perf_counter_ns, as lookup_bench times the C++ call; median and p95 per kind
and over all queries. "read" adds reading the name, coordinates and score of every candidate
returned, which is what a caller does next. When lookup_bench is built beside the module, its
figures for the same queries are printed too, so the ratio is measured on the same machine at
the same moment.

Geoparse: --copies copies of the articles (JSON Lines with "id" and "text"), timed as a whole
--runs times, median reported: the CLI end to end (`gazetteer geoparse -q --jobs 1 IN -o OUT`,
process start, index open, reading, writing JSON Lines) against the same work from Python in
this process (Index.open, json.loads of each line, Index.geoparse of each article, building its
results), once as it is ("python") and once also writing each result with json.dumps as the CLI
writes its output ("python+json").

The machine is shared: the load average is printed before and after each part; compare figures
only from one run. Exit 77 when the module, the index or the articles are missing.
"""

import argparse
import glob
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SKIP = 77

sys.path.insert(0, HERE)
from compare_lookup import percentile, read_queries  # noqa: E402 (the query file and ranks as compare_lookup reads them)


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load():
    try:
        return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        return "load average unknown"


def bench_lookup(m, index, queries, repeat, limit):
    timer = time.perf_counter_ns
    by_kind, read_by_kind, results = {}, {}, {}
    for q in queries:
        text, kind, country = q["text"], q["kind"], q["country"]
        call = index.search if kind == "prefix" else index.lookup
        countries = [country] if country else None
        call(text, countries=countries, limit=limit)  # warm
        lat, lat_read = by_kind.setdefault(kind, []), read_by_kind.setdefault(kind, [])
        for _ in range(repeat):
            t0 = timer()
            r = call(text, countries=countries, limit=limit)
            t1 = timer()
            lat.append((t1 - t0) / 1000.0)
        as_dicts = bool(r) and isinstance(r[0], dict)  # the module before candidate objects
        for _ in range(repeat):
            t0 = timer()
            r = call(text, countries=countries, limit=limit)
            if as_dicts:
                for c in r:
                    c["name"], c["lat"], c["lon"], c["score"]  # noqa: B018 (the reads are what is timed)
            else:
                for c in r:
                    c.name, c.lat, c.lon, c.score  # noqa: B018
            t1 = timer()
            lat_read.append((t1 - t0) / 1000.0)
        results[kind] = results.get(kind, 0) + len(r)
    # What perf_counter_ns itself costs, so that the figures can be read net of it.
    empty = []
    for _ in range(10000):
        t0 = timer()
        t1 = timer()
        empty.append((t1 - t0) / 1000.0)
    counts = {k: sum(1 for q in queries if q["kind"] == k) for k in by_kind}
    print(f"{'kind':<10} {'queries':>8} {'median_us':>10} {'p95_us':>10} {'read_med_us':>12} {'results':>8}")
    for kind in sorted(by_kind):
        v = by_kind[kind]
        print(f"{kind:<10} {counts[kind]:>8} {statistics.median(v):>10.2f} {percentile(v, 0.95):>10.2f} "
              f"{statistics.median(read_by_kind[kind]):>12.2f} {results[kind] / counts[kind]:>8.2f}")
    every = [x for v in by_kind.values() for x in v]
    every_read = [x for v in read_by_kind.values() for x in v]
    print(f"{'all':<10} {len(queries):>8} {statistics.median(every):>10.2f} {percentile(every, 0.95):>10.2f} "
          f"{statistics.median(every_read):>12.2f} {sum(results.values()) / len(queries):>8.2f}")
    print(f"timer: perf_counter_ns pair costs {statistics.median(empty):.2f} us (median; included above)")
    return statistics.median(every)


def bench_geoparse(m, index_path, cli, articles, copies, runs):
    with open(articles, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for _ in range(copies):
                f.writelines(lines)
        n = len(lines) * copies
        text_bytes = sum(len(json.loads(line)["text"].encode()) for line in lines) * copies
        print(f"data: {n} articles ({copies} x {os.path.basename(articles)}), {text_bytes // 1000} kB of text")

        cmd = [cli, "geoparse", "-q", "--jobs", "1", src, "-o", os.path.join(tmp, "out.jsonl")]
        env = dict(os.environ, GAZETTEER_INDEX=index_path)
        print("cli command: " + " ".join(cmd))

        def run_cli():
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
            return time.perf_counter() - t0

        def run_python(write):
            t0 = time.perf_counter()
            index = m.Index.open(index_path)
            with open(src, encoding="utf-8") as f, open(os.path.join(tmp, "py.jsonl"), "w", encoding="utf-8") as out:
                for line in f:
                    a = json.loads(line)
                    r = index.geoparse(a["text"], id=str(a.get("id", "")))
                    if write:
                        # to_json() is the engine's JSON line, the one the CLI writes (older modules:
                        # to_dict(), or a dict).
                        if hasattr(r, "to_json"):
                            out.write(r.to_json() + "\n")
                        else:
                            out.write(json.dumps(r.to_dict() if hasattr(r, "to_dict") else r, ensure_ascii=False) + "\n")
            return time.perf_counter() - t0

        run_cli()  # warm the page cache (index and input)
        run_python(False)
        # Interleaved, so that a change of load on the shared machine hits all alike.
        times = {"cli": [], "python": [], "python+json": []}
        for _ in range(runs):
            times["cli"].append(run_cli())
            times["python"].append(run_python(False))
            times["python+json"].append(run_python(True))
        c = statistics.median(times["cli"])
        print(f"{'face':<12} {'median_s':>9} {'min_s':>8} {'articles/s':>11} {'/ cli':>7}")
        for face, v in times.items():
            med = statistics.median(v)
            print(f"{face:<12} {med:>9.3f} {min(v):>8.3f} {n / med:>11.0f} {med / c:>7.3f}")
        print(f"(medians of {runs} interleaved runs; python = results built, python+json = also written as JSON Lines)")
        return statistics.median(times["python"]) / c


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--index", default=None, help="default: BUILD/share/gazetteer/default.gzidx")
    ap.add_argument("--queries", default=os.path.join(HERE, "queries.tsv"))
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--limit", type=int, default=5)
    ap.add_argument("--articles", default=os.path.join(ROOT, "..", "shared", "eval", "geowebnews", "articles.jsonl"))
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-geoparse", action="store_true")
    args = ap.parse_args()

    modules = glob.glob(os.path.join(args.build, "python", "_gazetteer_engine*.so"))
    if not modules:
        print(f"no _gazetteer_engine module under {args.build}/python", file=sys.stderr)
        return SKIP
    sys.path.insert(0, os.path.dirname(modules[0]))
    import _gazetteer_engine as m

    index_path = args.index or os.path.join(args.build, "share", "gazetteer", "default.gzidx")
    if not os.path.exists(index_path):
        print(f"no index at {index_path}", file=sys.stderr)
        return SKIP
    index = m.Index.open(index_path)
    print("command: " + " ".join([sys.executable] + sys.argv))
    print(f"machine: {platform.system()} {platform.release()} {platform.machine()}; {cpu_model()}; "
          f"{os.cpu_count()} cores; Python {platform.python_version()}; module {m.__version__}")
    print(f"index: {index_path}, {len(index)} places")

    print(f"\n== look-up from Python (--repeat {args.repeat} --limit {args.limit}); {load()}")
    bench_lookup(m, index, read_queries(args.queries), args.repeat, args.limit)
    cpp = os.path.join(args.build, "bin", "lookup_bench")
    if os.path.exists(cpp):
        print(f"\n== the same queries in C++ (lookup_bench); {load()}")
        out = subprocess.run([cpp, "--index", index_path, "--queries", args.queries, "--repeat", str(args.repeat),
                              "--limit", str(args.limit)], check=True, capture_output=True, text=True).stdout
        print("\n".join(line for line in out.splitlines() if not line.startswith(("machine:", "index:"))))

    if args.skip_geoparse:
        return 0
    cli = os.path.join(args.build, "bin", "gazetteer")
    if not os.path.exists(args.articles) or not os.path.exists(cli):
        print(f"\n(geoparse part skipped: no {args.articles} or no {cli})")
        return 0
    print(f"\n== geoparse from Python against the CLI; {load()}")
    bench_geoparse(m, index_path, cli, args.articles, args.copies, args.runs)
    print(load())
    return 0


if __name__ == "__main__":
    sys.exit(main())
