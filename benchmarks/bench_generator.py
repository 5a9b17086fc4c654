"""Benchmark `wecheer generate`: events/s and peak memory beside DuckDB's plain copy speed.

The copy bound: DuckDB copying the same generated raw tables (CREATE TABLE AS SELECT into a
fresh database file) in the same run on the same machine. Each size runs in a fresh process so
peak RSS is that size's own.

    .venv/bin/python benchmarks/bench_generator.py --sizes 1000000 10000000

On a shared machine the timings are noisy: `--repeat N` runs each size N times and adds the
median ratio.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


class TreeRss:
    """Peak resident memory of this process and all its children together (worker processes
    run at the same time as the parent), sampled every 50 ms."""

    def __init__(self) -> None:
        import psutil

        self._root = psutil.Process()
        self._stop = threading.Event()
        self.peak = 0
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for proc in [self._root, *self._root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def one(size: int, folder: Path, workers: int, chunk_size: int) -> dict:
    import duckdb

    from wecheer.generator.config import FaultRates, GeneratorConfig, Period, epoch_of
    from wecheer.generator.run import Target, generate

    db = folder / f"gen_{size}.duckdb"
    cfg = GeneratorConfig(
        events=size,
        seed=42,
        faults="realistic",
        rates=FaultRates.for_profile("realistic"),
        chunk_size=chunk_size,
        workers=workers,
    )
    start = epoch_of(cfg.start)
    cfg = cfg.with_periods((Period(start, start + cfg.days * 86400),))
    with TreeRss() as tree:
        summary = generate(cfg, Target(db=db, mode="replace"))
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    con = duckdb.connect(str(db))
    copy_path = folder / f"copy_{size}.duckdb"
    copy_path.unlink(missing_ok=True)
    con.execute(f"attach '{copy_path}' as copy_target")
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'wecheer_prod' and table_catalog = ?",
            [db.stem],
        ).fetchall()
    ]
    started = time.perf_counter()
    con.execute("begin transaction")
    for table in tables:
        con.execute(f'create table copy_target."{table}" as select * from wecheer_prod."{table}"')
    con.execute("commit")
    copy_seconds = time.perf_counter() - started
    con.close()
    return {
        "events": summary.events_written,
        "rows": summary.track_rows + summary.event_table_rows,
        "seconds": summary.seconds,
        "workers": summary.workers,
        # the sampled sum of the process tree; never below what getrusage saw for one process
        "peak_rss_mb": max(self_rss, child_rss, tree.peak / 1024) / 1024,
        "copy_seconds": copy_seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument(
        "--workers", type=int, default=0, help="as `wecheer generate --workers` (0: automatic)"
    )
    parser.add_argument("--chunk-size", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (median ratio)")
    parser.add_argument("--dir", type=Path, default=None, help="scratch folder (default: temp)")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="wecheer-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.one is not None:
        print(json.dumps(one(args.one, folder, args.workers, args.chunk_size)))
        return 0
    results: dict[int, list[dict]] = {}
    for size in args.sizes:
        for _ in range(args.repeat):
            command = [sys.executable, __file__, "--one", str(size), "--dir", str(folder)]
            command += ["--workers", str(args.workers), "--chunk-size", str(args.chunk_size)]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            results.setdefault(size, []).append(json.loads(output.strip().splitlines()[-1]))
            for leftover in folder.glob(f"*_{size}.duckdb*"):
                leftover.unlink()
    header = (
        "events", "workers", "seconds", "events/s", "peak RSS (MB)", "DuckDB copy events/s", "ratio"
    )  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for runs in results.values():
        for r in runs:
            rate = r["events"] / r["seconds"]
            copy_rate = r["events"] / r["copy_seconds"]
            print(
                f"| {r['events']:,} | {r['workers']} | {r['seconds']:.1f} | {rate:,.0f} "
                f"| {r['peak_rss_mb']:,.0f} "
                f"| {copy_rate:,.0f} | {rate / copy_rate:.2f} |"
            )
        if len(runs) > 1:
            ratios = [r["copy_seconds"] / r["seconds"] for r in runs]
            print(f"median ratio of {len(runs)} runs at {runs[0]['events']:,} events: "
                  f"{statistics.median(ratios):.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
