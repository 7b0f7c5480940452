"""A one-line terminal progress bar on stderr (only when stderr is a terminal)."""

from __future__ import annotations

import sys
import time


class Bar:
    def __init__(self, total: int, enabled: bool | None = None, stream=sys.stderr):
        self.total = max(total, 1)
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.t0 = time.monotonic()
        self.last = 0.0

    def update(self, done: int, articles: int, errors: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and done < self.total:
            return
        self.last = now
        width = 30
        fill = int(width * done / self.total)
        rate = articles / max(now - self.t0, 1e-9)
        self.stream.write(f"\r[{'#' * fill}{'.' * (width - fill)}] {done}/{self.total} partitions, "
                          f"{articles} articles, {errors} errors, {rate:,.0f} articles/s ")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
