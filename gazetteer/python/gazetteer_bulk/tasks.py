"""What runs on a Dask worker: one partition in, its rows at the destination, counts out.

Each worker process opens the index once (memory-mapped, so workers on one machine share its
pages) and keeps one database connection; both live in module globals of the worker process.
A task is idempotent (atomic file, or one transaction that skips stored articles), so Dask may
rerun it after a lost worker or a retry without writing anything twice.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass

from . import inputs, postgis

_lock = threading.Lock()
_indexes: dict = {}
_writers: dict = {}


@dataclass(frozen=True)
class Job:
    """Settings every task of a run shares (small: shipped with each task)."""

    index_path: str
    gazetteer_version: str
    run_id: str
    dest: str  # postgresql:// URL, or the parts folder of a file output
    fmt: str  # "postgis", "jsonl" or a GDAL driver name
    schemas: tuple = ()


class WorkerSetupError(Exception):
    """This worker cannot run the job (another index, no database): not retried as a data error."""


def engine():
    import _gazetteer_engine

    return _gazetteer_engine


def index_for(job: Job):
    with _lock:
        idx = _indexes.get(job.index_path)
        if idx is None:
            try:
                idx = engine().Index.open(job.index_path)
            except (RuntimeError, ValueError) as e:
                raise WorkerSetupError(f"worker {os.uname().nodename}: {e}") from e
            _indexes[job.index_path] = idx
    version = idx.gazetteer_version()
    if version != job.gazetteer_version:
        raise WorkerSetupError(f"worker {os.uname().nodename}: index {job.index_path} is '{version}', the run uses "
                               f"'{job.gazetteer_version}': give every worker the same index file")
    return idx


def writer_for(job: Job) -> postgis.BatchWriter:
    with _lock:
        w = _writers.get(job.dest)
        if w is None or w.conn.closed:
            w = postgis.BatchWriter(job.dest, list(job.schemas))
            _writers[job.dest] = w
    return w


def _part_ext(job: Job) -> str:
    return {"jsonl": ".jsonl", "GPKG": ".gpkg", "FlatGeobuf": ".fgb", "GeoJSONSeq": ".geojsonl"}.get(job.fmt, ".gpkg")


def part_file(job: Job, p: inputs.Partition) -> str:
    """The partition's file: named after the partition and the gazetteer version, so that a
    resumed run reuses only parts made from the same input cut with the same index."""
    tag = hashlib.sha1(f"{p.key}\0{job.gazetteer_version}".encode()).hexdigest()[:16]
    return os.path.join(job.dest, f"part-{tag}{_part_ext(job)}")


def run_partition(p: inputs.Partition, job: Job) -> dict:
    """Reads, geoparses and writes one partition. Returns counts and the records that failed."""
    e = engine()
    out = {"key": p.key, "articles": 0, "stored": 0, "skipped": 0, "duplicates": 0, "mentions": 0,
           "unresolved": 0, "places": 0, "errors": [], "files": []}
    if job.fmt != "postgis":
        target = part_file(job, p)
        if os.path.exists(target):  # written by an earlier (resumed) run: atomic, so complete
            out["resumed"] = True
            return out
    idx = index_for(job)
    batch = e.BulkInput()
    for path, first_line, data in _read(p, out["errors"]):
        if p.kind == "jsonl":
            batch.read_jsonl(path, first_line, data)
        else:
            batch.read_text(path, data)
    skip = None
    w = None
    if job.fmt == "postgis":
        w = writer_for(job)
        skip = w.existing(batch.ids, job.gazetteer_version)
    result = idx.geoparse_batch(batch, skip=skip, json_lines=job.fmt == "jsonl")
    errors = [tuple(x) for x in batch.errors] + out["errors"]
    out["errors"] = errors
    c = result.counts
    for k in ("articles", "skipped", "duplicates", "mentions", "unresolved", "places"):
        out[k] = c[k]
    if w is not None:
        out["stored"] = w.write(result, job.run_id, job.gazetteer_version, errors)
        # Articles another batch stored first (the same id twice in the input) are not new.
        out["skipped"] += out["articles"] - out["stored"]
    elif job.fmt == "jsonl":
        write_atomic(part_file(job, p), result.json_lines)
        out["stored"] = c["articles"]
        out["files"] = [part_file(job, p)]
    else:
        out["files"] = result.write(part_file(job, p), format=job.fmt)
        out["stored"] = c["articles"]
    return out


def _read(p: inputs.Partition, errors: list):
    try:
        data = inputs.read_partition(p)
    except OSError:
        # A text group reads file by file so that one unreadable file does not cost the others.
        if p.kind == "jsonl":
            raise
        for path in p.files:
            try:
                with open(path, "rb") as f:
                    yield path, 0, f.read()
            except OSError as e2:
                errors.append((path, 0, f"cannot read ({e2.strerror})", f"{path}: cannot read ({e2.strerror})"))
        return
    yield from data.chunks


def write_atomic(path: str, data: bytes) -> None:
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + f".tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
