"""What a benchmark samples while a step runs: memory of a process tree, size of folders, free
disk, and the machine's load."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from pathlib import Path

import psutil


def load() -> float:
    """The 1-minute load average (recorded with each step: the machine is shared)."""
    return round(os.getloadavg()[0], 2)


def tree_rss(root: psutil.Process) -> int:
    """Bytes resident in `root` and every process below it (shared pages count twice)."""
    total = 0
    with contextlib.suppress(psutil.Error):
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):  # the process ended meanwhile
                total += proc.memory_info().rss
    return total


def folder_bytes(folder: Path) -> int:
    """Bytes of the files under `folder` (0 when it does not exist)."""
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.stat(os.path.join(root, name)).st_size
    return total


def spill_folder(db: Path) -> Path:
    """Where DuckDB spills what does not fit in memory, by default: `<db file>.tmp`."""
    return Path(f"{db}.tmp")


def remove_warehouse(db: Path) -> None:
    """Delete a DuckDB file, its WAL and its spill folder."""
    for path in db.parent.glob(db.name + "*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()


class Sampler:
    """Samples in a thread, every `interval` seconds, until the `with` block ends: the peak RSS
    of the process tree under `pid` (default: this process), the peak size of each of `folders`
    and the least free disk where the first folder is. `check(sampler)` is called after every
    sample (e.g. to stop a step that ran out of time or disk); a step shorter than one interval
    is sampled as it starts and as it ends."""

    def __init__(
        self,
        pid: int | None = None,
        folders: dict[str, Path] | None = None,
        interval: float = 0.5,
        check=None,
    ) -> None:
        self._root = psutil.Process(pid)
        self.folders = dict(folders or {})
        self.interval = interval
        self._check = check
        self.peak_rss = 0
        self.peak_folder = {name: 0 for name in self.folders}
        self.min_free: int | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        self.peak_rss = max(self.peak_rss, tree_rss(self._root))
        for name, folder in self.folders.items():
            self.peak_folder[name] = max(self.peak_folder[name], folder_bytes(folder))
        if self.folders:
            disk = next(iter(self.folders.values()))
            while not disk.exists() and disk != disk.parent:
                disk = disk.parent
            free = shutil.disk_usage(disk).free
            self.min_free = free if self.min_free is None else min(self.min_free, free)

    def _run(self) -> None:
        while True:
            self.sample()
            if self._check is not None:
                self._check(self)
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        for name, folder in self.folders.items():  # what the step left behind counts too
            self.peak_folder[name] = max(self.peak_folder[name], folder_bytes(folder))

    def record(self) -> dict:
        """The samples in MB (GB for free disk), for a step's record."""
        out = {"tree_rss_mb": round(self.peak_rss / 2**20)}
        for name, peak in self.peak_folder.items():
            out[f"peak_{name}_mb"] = round(peak / 2**20)
        if self.min_free is not None:
            out["min_free_disk_gb"] = round(self.min_free / 2**30, 1)
        return out
