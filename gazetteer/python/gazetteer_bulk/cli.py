"""gazetteer-bulk: geoparse article archives on a Dask cluster into PostGIS or GIS files.

Exit codes as the `gazetteer` tool: 0 done, 1 bad input or a failed job (some records or
partitions could not be processed, a destination or scheduler that cannot be reached), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import logging
import os
import secrets
import shutil
import sys
import time

from . import files, inputs, postgis, tasks
from .progress import Bar

MAX_ERRORS_SHOWN = 20


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="gazetteer-bulk",
        description="Geoparse folders or globs of JSON Lines / text files on a Dask cluster (or a local one) "
                    "into PostGIS tables or GeoPackage/FlatGeobuf/JSON Lines files. Resumable: articles "
                    "already stored for this gazetteer version are skipped.")
    ap.add_argument("inputs", nargs="+", metavar="INPUT",
                    help="folder (its .jsonl/.ndjson/.txt/.text files), glob pattern or file")
    ap.add_argument("--output", "-o", required=True, metavar="DEST",
                    help="postgresql://user@host/db[?schema=NAME] or a .gpkg, .fgb or .jsonl file")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="start a local Dask cluster of N worker processes (default: one per core)")
    where.add_argument("--scheduler", metavar="ADDR", help="use a running Dask scheduler (tcp://host:8786)")
    ap.add_argument("--resume", action="store_true",
                    help="continue the last unfinished run of these inputs under its run id (files: "
                         "keep the partitions DEST.parts/ holds)")
    ap.add_argument("--index", default=None,
                    help="index file, the same path on every worker (default: $GAZETTEER_INDEX or the build's)")
    ap.add_argument("--partition-size", type=int, default=2000, metavar="ARTICLES",
                    help="articles per partition (default 2000)")
    ap.add_argument("--format", default=None, help="file output format: gpkg, fgb or jsonl (default: from DEST)")
    ap.add_argument("--run-id", default=None, help="name of this run (default: UTC time and a random suffix)")
    ap.add_argument("--retries", type=int, default=2, help="times Dask reruns a failed partition (default 2)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    a = ap.parse_args(argv)
    if a.workers is not None and a.workers < 1:
        ap.error("--workers must be at least 1")
    if a.partition_size < 1:
        ap.error("--partition-size must be at least 1")
    return a


def say(msg: str) -> None:
    print(f"gazetteer-bulk: {msg}", file=sys.stderr, flush=True)


class Failure(Exception):
    """A failure of the run with its message (exit code 1)."""


def main(argv=None) -> int:
    try:
        a = parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        return run(a)
    except (Failure, inputs.InputError, postgis.DatabaseError, tasks.WorkerSetupError) as e:
        say(f"error: {e}")
        return 1
    except ValueError as e:
        say(f"error: {e}")
        return 2
    except KeyboardInterrupt:
        say("interrupted; what was written stays: rerun with --resume to continue")
        return 130


def run(a) -> int:
    import _gazetteer_engine as engine

    t0 = time.monotonic()
    index_path = os.path.abspath(a.index or engine.default_index_path())
    try:
        index = engine.Index.open(index_path)
    except (RuntimeError, ValueError) as e:
        raise Failure(str(e)) from e
    version = index.gazetteer_version()
    schemas = tuple(engine.bulk_layer_schemas())

    files_in = inputs.expand_inputs(a.inputs)
    if not files_in:
        raise inputs.InputError("the inputs name no .jsonl, .ndjson, .txt or .text file")
    parts = inputs.plan_partitions(files_in, a.partition_size)
    inputs_text = "\n".join(os.path.abspath(f) for f in files_in)

    # The destination first: an unreachable database fails before any work is done.
    conn = None
    if postgis.is_postgres_url(a.output):
        fmt = "postgis"
        dest = a.output
        conn = postgis.connect(dest)
        _dsn, schema = postgis.split_url(dest)
        postgis.prepare(conn, list(schemas), schema)
        previous = postgis.unfinished_run(conn, schema, version, inputs_text)
        if a.resume and previous and not a.run_id:
            run_id = previous
        else:
            run_id = a.run_id or new_run_id()
            if previous and not a.quiet:
                say(f"run {previous} of these inputs did not finish: its articles are kept and skipped "
                    "(--resume continues it under its own run id)")
        postgis.start_run(conn, schema, run_id, version, inputs_text)
        shown_dest = postgis.redact(dest)
    else:
        fmt = files.format_of(a.output, a.format)
        dest = files.parts_dir(a.output)
        if os.path.isdir(dest) and not a.resume and os.listdir(dest):
            raise Failure(f"{dest} holds partitions of an unfinished run: pass --resume to continue it, "
                          "or delete the folder to start again")
        os.makedirs(dest, exist_ok=True)
        run_id = a.run_id or new_run_id()
        shown_dest = a.output

    job = tasks.Job(index_path=index_path, gazetteer_version=version, run_id=run_id, dest=dest, fmt=fmt,
                    schemas=schemas)
    client = cluster = None
    status = "failed"
    try:
        client, cluster = connect_dask(a)
        t_ready = time.monotonic()
        if not a.quiet:
            say(f"run {run_id}: {len(files_in)} files, {len(parts)} partitions -> {shown_dest}")
            say(f"{describe_cluster(client)}; dashboard: {dashboard(client)}")
        totals, failed, part_files = execute(client, parts, job, a)
        status = "finished" if not failed else "incomplete"
        written = []
        if fmt != "postgis" and not failed:
            if part_files:
                written = files.merge(a.output, fmt, part_files)
                shutil.rmtree(dest, ignore_errors=True)  # the parts are in DEST now
            else:
                say("no article was read: nothing to merge")
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if conn is not None:
            try:
                if status in ("finished", "incomplete"):
                    postgis.create_spatial_indexes(conn, list(schemas), schema)
                postgis.finish_run(conn, schema, run_id, status)
            except Exception:  # the run's own error says more than this one would
                pass
            conn.close()
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    secs = time.monotonic() - t0
    errors = totals["errors"]
    if errors:
        for _f, _l, _r, msg in errors[:MAX_ERRORS_SHOWN]:
            say(f"bad input: {msg}")
        if len(errors) > MAX_ERRORS_SHOWN:
            more = f"{len(errors) - MAX_ERRORS_SHOWN} more"
            if fmt == "postgis":
                say(f"... and {more} (all are in table bulk_errors)")
            else:
                report = a.output + ".errors.txt"
                tasks.write_atomic(report, "".join(e[3] + "\n" for e in errors).encode())
                say(f"... and {more} (all are in {report})")
    for key, msg in failed:
        say(f"partition {key} failed: {msg}")
    if not a.quiet:
        rate = totals["stored"] / secs if secs > 0 else 0.0
        work = time.monotonic() - t_ready
        say(f"{totals['stored']} articles written, {totals['skipped']} already stored, "
            f"{totals['mentions']} mentions ({totals['unresolved']} unresolved), {totals['places']} places, "
            f"{len(errors)} errors, {len(failed)} failed partitions in {secs:.1f} s ({rate:,.0f} articles/s; "
            f"{work:.1f} s after the cluster was up: {totals['stored'] / max(work, 1e-9):,.0f} articles/s); "
            f"run {run_id}" + (f"; wrote {', '.join(written)}" if written else ""))
    if failed:
        say("some partitions failed: fix the cause and rerun with --resume; what was written stays")
    return 1 if (errors or failed) else 0


def new_run_id() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def connect_dask(a):
    """A Client on the given scheduler, or on a new LocalCluster. Raises Failure when unreachable."""
    logging.getLogger("distributed").setLevel(logging.ERROR)
    from distributed import Client, LocalCluster

    if a.scheduler:
        try:
            return Client(a.scheduler, timeout="10s"), None
        except (OSError, TimeoutError, ValueError) as e:
            raise Failure(f"cannot reach the Dask scheduler at {a.scheduler}: {e}") from e
    n = a.workers or os.cpu_count() or 1
    has_bokeh = importlib.util.find_spec("bokeh") is not None
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                           dashboard_address=":0" if has_bokeh else None, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def describe_cluster(client) -> str:
    info = client.scheduler_info()
    workers = info.get("workers", {})
    threads = sum(w.get("nthreads", 1) for w in workers.values())
    return f"Dask scheduler {info.get('address', '?')}, {len(workers)} workers, {threads} threads"


def dashboard(client) -> str:
    if importlib.util.find_spec("bokeh") is None:
        return "not available (the dashboard needs bokeh, which this system lacks)"
    try:
        return client.dashboard_link
    except Exception:
        return "not available"


def execute(client, parts, job, a):
    """Runs the partitions; returns (totals, failed [(key, message)], part files in plan order)."""
    from distributed import as_completed

    totals = {"stored": 0, "skipped": 0, "mentions": 0, "unresolved": 0, "places": 0, "errors": []}
    failed = []
    files_by_key = {}
    futures = [client.submit(tasks.run_partition, p, job, key=f"geoparse-{p.key}-{job.run_id}",
                             retries=a.retries, pure=False) for p in parts]
    by_future = dict(zip(futures, parts))
    bar = Bar(len(parts), enabled=None if not a.quiet else False)
    done = 0
    for fut in as_completed(futures):
        p = by_future[fut]
        try:
            r = fut.result()
        except tasks.WorkerSetupError:
            for f in futures:
                f.cancel()
            raise
        except Exception as e:  # one partition's failure does not stop the others
            failed.append((p.key, f"{p.describe()}: {type(e).__name__}: {e}"))
        else:
            for k in ("stored", "skipped", "mentions", "unresolved", "places"):
                totals[k] += r[k]
            totals["errors"].extend(r["errors"])
            if r.get("files"):
                files_by_key[p.key] = r["files"]
            elif r.get("resumed"):
                files_by_key[p.key] = None
        done += 1
        bar.update(done, totals["stored"], len(totals["errors"]))
    bar.finish()
    # Parts written by an earlier run: find their files (same names the tasks use).
    part_files = []
    if job.fmt != "postgis":
        import _gazetteer_engine as engine
        for p in parts:
            if p.key not in files_by_key:
                continue
            fs = files_by_key[p.key]
            if fs is None:
                main = tasks.part_file(job, p)
                fs = [main] if job.fmt == "jsonl" else engine.bulk_layer_files(main, format=job.fmt)
            part_files.append(fs)
    totals["errors"].sort(key=lambda e: (e[0], e[1]))
    return totals, failed, part_files


if __name__ == "__main__":
    sys.exit(main())
