"""Benchmark `wecheer generate`: events/s and peak memory beside DuckDB's plain copy speed.

The copy bound: DuckDB copying the same generated raw tables (CREATE TABLE AS SELECT into a
fresh database file) in the same run on the same machine. Each size runs in a fresh process so
peak RSS is that size's own.

    .venv/bin/python benchmarks/bench_generator.py --sizes 1000000 10000000

On a shared machine the timings are noisy: `--repeat N` runs each size N times and adds the
median ratio. The table is printed and written to benchmarks/results/<date>-generator.md (and
.json; `--out` elsewhere).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import RESULTS, ResultFiles, Sampler, load, table


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
    with Sampler(interval=0.05) as tree:  # this process and its worker processes together
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
    for name in tables:
        con.execute(f'create table copy_target."{name}" as select * from wecheer_prod."{name}"')
    con.execute("commit")
    copy_seconds = time.perf_counter() - started
    con.close()
    return {
        "events": summary.events_written,
        "rows": summary.track_rows + summary.event_table_rows,
        "seconds": summary.seconds,
        "workers": summary.workers,
        # the sampled sum of the process tree; never below what getrusage saw for one process
        "peak_rss_mb": max(self_rss, child_rss, tree.peak_rss / 1024) / 1024,
        "copy_seconds": copy_seconds,
    }


def markdown(files: ResultFiles, results: dict[int, list[dict]]) -> str:
    rows, medians = [], []
    for runs in results.values():
        for r in runs:
            rate = r["events"] / r["seconds"]
            copy_rate = r["events"] / r["copy_seconds"]
            rows.append([f"{r['events']:,}", r["workers"], f"{r['seconds']:.1f}", f"{rate:,.0f}",
                         f"{r['peak_rss_mb']:,.0f}", f"{copy_rate:,.0f}",
                         f"{rate / copy_rate:.2f}", f"{r['load_before']:.1f}"])  # fmt: skip
        if len(runs) > 1:
            ratios = [r["copy_seconds"] / r["seconds"] for r in runs]
            medians.append(f"median ratio of {len(runs)} runs at {runs[0]['events']:,} events: "
                           f"{statistics.median(ratios):.2f}")  # fmt: skip
    header = ["events", "workers", "seconds", "events/s", "peak RSS (MB)",
              "DuckDB copy events/s", "ratio", "load"]  # fmt: skip
    out = files.header("Generator speed (`benchmarks/bench_generator.py`)")
    out += [
        "`wecheer generate --faults realistic` beside DuckDB copying the same generated raw "
        "tables (CREATE TABLE AS SELECT into a fresh file, same run); `ratio`: generator "
        "events/s over copy events/s. Peak RSS: the process tree (parent and workers), sampled "
        "every 50 ms. `load`: 1-minute load average as the run started.",
        "",
        *table(header, rows),
        "",
        *medians,
    ]
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument(
        "--workers", type=int, default=0, help="as `wecheer generate --workers` (0: automatic)"
    )
    parser.add_argument("--chunk-size", type=int, default=250_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (median ratio)")
    parser.add_argument("--dir", type=Path, default=None, help="scratch folder (default: temp)")
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help=f"results folder (default: {RESULTS})"
    )
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="wecheer-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.one is not None:
        print(json.dumps(one(args.one, folder, args.workers, args.chunk_size)))
        return 0
    files = ResultFiles("generator", args.out, argv)
    results: dict[int, list[dict]] = {}
    for size in args.sizes:
        for _ in range(args.repeat):
            command = [sys.executable, __file__, "--one", str(size), "--dir", str(folder)]
            command += ["--workers", str(args.workers), "--chunk-size", str(args.chunk_size)]
            before = load()
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            run = json.loads(output.strip().splitlines()[-1])
            results.setdefault(size, []).append({**run, "load_before": before})
            for leftover in folder.glob(f"*_{size}.duckdb*"):
                leftover.unlink()
    text = markdown(files, results)
    files.write(text, {"results": [r for runs in results.values() for r in runs]})
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
