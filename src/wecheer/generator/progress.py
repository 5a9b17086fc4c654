"""A progress bar on stderr while chunks are simulated (`--progress`)."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done, self.events = total, enabled, 0, 0
        self.started = time.perf_counter()

    def step(self, events: int) -> None:
        self.done += 1
        self.events += events
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / self.total)
        elapsed = time.perf_counter() - self.started
        rate = self.events / elapsed if elapsed else 0.0
        sys.stderr.write(
            f"\rgenerate [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} chunks"
            f"  {self.events:,} events  {rate:,.0f} events/s"
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()
