"""Input discovery and partition planning (runs on the client).

Inputs are folders (their .jsonl/.ndjson/.txt/.text files, recursively, in name order, as
``gazetteer geoparse`` reads folders), glob patterns and files. JSON Lines files are cut into
partitions of whole lines by byte range, so that a worker reads only its own part and every record
keeps its true line number; small text files are grouped, one article each.
"""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass, field

JSONL_EXTENSIONS = (".jsonl", ".ndjson")
TEXT_EXTENSIONS = (".txt", ".text")


class InputError(Exception):
    """An input that cannot be used (missing, unreadable); the message names it."""


@dataclass(frozen=True)
class Partition:
    """A unit of work: whole JSON Lines records of one file, or a group of text files."""

    kind: str  # "jsonl" or "text"
    files: tuple  # one path for jsonl, several for text
    byte_start: int = 0
    byte_end: int = 0
    first_line: int = 1
    lines: int = 0

    @property
    def key(self) -> str:
        """Stable name of the partition: the same input cut the same way gets the same key."""
        h = hashlib.sha1()
        for f in self.files:
            h.update(os.path.abspath(f).encode() + b"\0")
        h.update(f"{self.kind}:{self.byte_start}:{self.byte_end}".encode())
        return h.hexdigest()[:16]

    def describe(self) -> str:
        if self.kind == "jsonl":
            return f"{self.files[0]}:{self.first_line}-{self.first_line + max(self.lines, 1) - 1}"
        return f"{len(self.files)} text files from {self.files[0]}"


def expand_inputs(inputs: list[str]) -> list[str]:
    """Files named by the inputs, in a stable order (duplicates removed)."""
    files: list[str] = []
    for item in inputs:
        if os.path.isdir(item):
            found = []
            for root, _dirs, names in os.walk(item):
                for n in names:
                    if n.endswith(JSONL_EXTENSIONS + TEXT_EXTENSIONS):
                        found.append(os.path.join(root, n))
            files.extend(sorted(found))
        elif os.path.exists(item):
            files.append(item)
        elif glob.has_magic(item):
            hits = sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
            if not hits:
                raise InputError(f"{item}: no file matches")
            files.extend(hits)
        else:
            raise InputError(f"{item}: no such file or directory")
    seen, out = set(), []
    for f in files:
        a = os.path.abspath(f)
        if a not in seen:
            seen.add(a)
            out.append(f)
    return out


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_EXTENSIONS)


def _jsonl_partitions(path: str, lines_per_partition: int, block: int = 1 << 22) -> list[Partition]:
    """Cuts a JSON Lines file after every `lines_per_partition` line ends (one pass, one find()
    per line: a few seconds for ten million lines, small beside geoparsing them)."""
    parts: list[Partition] = []
    start, first_line, lines, offset = 0, 1, 0, 0
    last = b"\n"
    try:
        with open(path, "rb") as f:
            while True:
                buf = f.read(block)
                if not buf:
                    break
                pos = 0
                while True:
                    nl = buf.find(b"\n", pos)
                    if nl < 0:
                        break
                    pos = nl + 1
                    lines += 1
                    if lines == lines_per_partition:
                        end = offset + pos
                        parts.append(Partition("jsonl", (path,), start, end, first_line, lines))
                        first_line += lines
                        start, lines = end, 0
                offset += len(buf)
                last = buf[-1:]
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e
    if offset > start:
        # The rest, whose last line may lack its newline.
        parts.append(Partition("jsonl", (path,), start, offset, first_line, lines + (last != b"\n")))
    return parts


def plan_partitions(files: list[str], articles_per_partition: int) -> list[Partition]:
    """Partitions of about `articles_per_partition` articles each, in input order."""
    if articles_per_partition < 1:
        raise ValueError("articles per partition must be at least 1")
    parts: list[Partition] = []
    texts: list[str] = []

    def flush_texts():
        if texts:
            parts.append(Partition("text", tuple(texts), lines=len(texts)))
            texts.clear()

    for path in files:
        if is_jsonl(path):
            flush_texts()
            parts.extend(_jsonl_partitions(path, articles_per_partition))
        else:
            if not os.access(path, os.R_OK):
                raise InputError(f"{path}: cannot read")
            texts.append(path)
            if len(texts) >= articles_per_partition:
                flush_texts()
    flush_texts()
    return parts


@dataclass
class PartitionData:
    """What a worker read for one partition (kept apart from parsing to test the cutting)."""

    partition: Partition
    chunks: list = field(default_factory=list)  # (file, first_line, bytes)


def read_partition(p: Partition) -> PartitionData:
    """The bytes of a partition. Raises OSError naming the file."""
    data = PartitionData(p)
    if p.kind == "jsonl":
        with open(p.files[0], "rb") as f:
            f.seek(p.byte_start)
            data.chunks.append((p.files[0], p.first_line, f.read(p.byte_end - p.byte_start)))
    else:
        for path in p.files:
            with open(path, "rb") as f:
                data.chunks.append((path, 0, f.read()))
    return data
