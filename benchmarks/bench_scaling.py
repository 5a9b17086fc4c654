"""Scaling benchmark: generator, full and incremental `dbt build` at 1M, 10M, 100M events.

For each size, in a fresh DuckDB file under the work folder, each step runs as its own
subprocess (the commands a user runs) and is timed from start to exit:

1. `generate`: `wecheer generate --events N --faults realistic --replace`;
2. `floor` (the same-run baseline): DuckDB reading every raw event table once and writing the
   deduplicated union (the harness's `measure_floor`, in its own process);
3. `full build`: `wecheer build` (dbt build of every model, seed, snapshot and test);
4. `append`: `wecheer generate --append --days 1` (one more synced day, late arrivals included);
5. `incremental`: `wecheer build` again (incremental models process the new day).

Per step: wall seconds; the rows it handles (raw event-table rows: written by generate/append,
in the source for the floor and builds) and rows/s; memory, two ways: `peak RSS` is the kernel's
ru_maxrss from wait4() on the step's process, i.e. the largest single process of its tree (the
step's own process, or a worker it waited for), and `tree RSS` is the largest sum of RSS over the
step's process and every process below it, sampled every 0.5 s (counts shared pages twice; may
miss a spike shorter than a sample); the DuckDB file size after the step (file + WAL); the
sampled peak size of the work folder (`disk peak`) and of DuckDB's spill folder (`spill peak`);
the load average as the step starts.
Times are also given as a ratio to the same size's floor, and as seconds per million rows with the
growth factor from one size to the next (10x the rows at linear cost gives a factor of 10).

Writes OUT/<date>-scaling.md (tables: every step, the whole project's incremental / full, the
slowest dbt nodes of the largest builds), OUT/<date>-scaling.json (raw numbers, rewritten after
every step, so a run that is stopped or fails keeps what it measured and says where it stopped)
and OUT/<date>-scaling.png (log-log time vs rows per step). `--merge` keeps the other sizes of
the latest OUT/*-scaling.json; `--report-only` redraws the latest one.

    .venv/bin/python benchmarks/bench_scaling.py                                # 1M and 10M
    .venv/bin/python benchmarks/bench_scaling.py --sizes 100M --merge --time-limit 90m
    .venv/bin/python benchmarks/bench_scaling.py --report-only                 # redraw from JSON
    .venv/bin/python benchmarks/bench_scaling.py --sizes 20k --select +wecheer__events --out /tmp/s
"""

from __future__ import annotations

import argparse
import fcntl
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from harness import (
    BUILD_OK_CODES,
    RESULTS,
    OneLineParser,
    ResultFiles,
    StepFailed,
    Stopped,
    dbt_options,
    latest,
    measure_floor,
    parse_duration,
    parse_sizes,
    remove_warehouse,
    run_step,
    slowest_nodes,
    spill_folder,
    stop_on_signals,
    synced_rows,
    wecheer_command,
)
from scaling_report import STEPS, label, markdown, plot

from wecheer.paths import PROJECT_ROOT

DB_NAME = "warehouse.duckdb"


def file_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}.wal")) if p.exists())


def bench_size(result: dict, args, folder: Path, save) -> None:
    """Run the five steps for one size into `result`; `save()` is called after every step."""
    events = result["events"]
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / DB_NAME
    remove_warehouse(db)
    save()
    wecheer = wecheer_command()
    dbt_extra = dbt_options(folder, args.memory_limit, args.select)
    commands = {
        "generate": [*wecheer, "generate", "--db", str(db), "--events", str(events)]
        + ["--seed", str(args.seed), "--faults", args.faults, "--replace", "--no-progress"],
        "floor": [sys.executable, str(Path(__file__).resolve()), "--floor", str(db)]
        + (["--memory-limit", args.memory_limit] if args.memory_limit else []),
        "full build": [*wecheer, "build", "--db", str(db), *dbt_extra],
        "append": [*wecheer, "generate", "--db", str(db), "--append", "--days", "1"]
        + ["--no-progress"],
        "incremental": [*wecheer, "build", "--db", str(db), *dbt_extra],
    }
    folders = {"folder": folder, "spill": spill_folder(db)}  # peaks: work folder, DuckDB spill
    for step in STEPS:
        log = folder / f"{step.replace(' ', '_')}.log"
        print(f"[{label(events)}] {step} ...", file=sys.stderr, flush=True)
        try:
            ok = BUILD_OK_CODES if step in ("full build", "incremental") else (0,)
            record = run_step(
                step, commands[step], log, folders, args.deadline, args.min_free_gb, ok_codes=ok
            )
        except StepFailed as failed:
            failed.record["file_mb"] = round(file_bytes(db) / 2**20)
            result["steps"][step] = failed.record
            result["status"] = f"failed at {step}: {failed.record['error']}"
            save()
            raise
        record["file_mb"] = round(file_bytes(db) / 2**20)
        if step in ("generate", "append"):
            synced = synced_rows(db)
            record["rows"] = synced[-1]
            result["source_rows"] = sum(synced)
        elif step == "floor":
            floor = json.loads(log.read_text().strip().splitlines()[-1])
            # the baseline is the query itself (the process also opens the file and counts rows)
            record["process_seconds"] = record["seconds"]
            record["seconds"] = floor["seconds"]
            record["rows"] = floor["raw_rows"]
            result["unique_events"] = floor["unique"]
        else:
            record["rows"] = result["source_rows"]
            run_results = folder / "target" / "run_results.json"
            kept = folder / f"run_results_{step.replace(' ', '_')}.json"
            shutil.copy(run_results, kept)
            record["dbt"] = slowest_nodes(kept, args.top)
        record["rows_per_s"] = round(record["rows"] / record["seconds"]) if record["seconds"] else 0
        result["steps"][step] = record
        print(
            f"[{label(events)}] {step}: {record['seconds']:.1f} s, {record['rows']:,} rows, "
            f"peak RSS {record['peak_rss_mb']:,} MB, file {record['file_mb']:,} MB",
            file=sys.stderr,
            flush=True,
        )
        save()
    result["status"] = "ok"
    save()


def write_outputs(files: ResultFiles, results: list[dict], args, redraw: bool = False) -> None:
    results = sorted(results, key=lambda r: r["events"])
    files.write(markdown(files.meta, results, args.top), None if redraw else {"results": results})
    if not args.no_plot:
        plot(results, files.path(".png"))


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="bench_scaling",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=[1_000_000, 10_000_000],
        help="comma-separated event counts, suffixes k/M allowed (default: 1M,10M; add 100M "
        "where memory and time allow)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", default="realistic", choices=["clean", "realistic", "hostile"])
    parser.add_argument(
        "--workdir",
        type=Path,
        help="folder for the warehouses and step logs (default: a new folder under $TMPDIR); "
        "must be outside the repository",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep each size's warehouse file (default: deleted once that size is measured)",
    )
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help=f"results folder (default: {RESULTS})"
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the other sizes of the latest OUT/*-scaling.json (a size run now replaces its "
        "own)",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="redraw the latest OUT/*-scaling.md and .png from its JSON",
    )
    parser.add_argument("--no-plot", action="store_true", help="skip the plot (.png)")
    parser.add_argument(
        "--time-limit",
        type=parse_duration,
        help="stop the whole run after this long (e.g. 90m): the running step is killed and "
        "recorded as stopped",
    )
    parser.add_argument(
        "--min-free-gb",
        type=float,
        default=5.0,
        help="kill the running step when the work folder's disk has less free (default: 5)",
    )
    parser.add_argument(
        "--memory-limit",
        help="DuckDB memory_limit for the floor and the dbt builds (a profiles.yml in the work "
        "folder; the generator keeps its own limit); "
        "default: the project's profile (DuckDB's own default, 80%% of RAM)",
    )
    parser.add_argument(
        "--select", help="dbt --select for both builds (default: everything), e.g. for a smoke test"
    )
    parser.add_argument("--top", type=int, default=12, help="slowest dbt nodes to list")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.floor is not None:  # internal: the baseline step, in its own process
        config = {"memory_limit": args.memory_limit} if args.memory_limit else None
        seconds, raw_rows, unique = measure_floor(args.floor, config=config)
        print(json.dumps({"seconds": round(seconds, 2), "raw_rows": raw_rows, "unique": unique}))
        return 0
    if args.top < 1:
        parser.error("--top must be at least 1")
    json_path = latest(args.out, "scaling")
    previous = json.loads(json_path.read_text()) if json_path else None
    if args.report_only:
        if previous is None:
            parser.error(f"--report-only: no *-scaling.json in {args.out}")
        files = ResultFiles("scaling", args.out, stem=json_path.stem)
        files.meta = previous["meta"]
        write_outputs(files, previous["results"], args, redraw=True)
        print(files.path(".md").read_text())
        return 0
    workdir = args.workdir.resolve() if args.workdir else None
    if workdir and workdir.is_relative_to(PROJECT_ROOT):
        parser.error(f"--workdir {workdir} is inside the repository; use a folder outside it")
    if workdir and workdir.exists() and not workdir.is_dir():
        parser.error(f"--workdir {workdir} is not a folder")
    own_workdir = workdir is None
    workdir = workdir or Path(tempfile.mkdtemp(prefix="bench_scaling_"))
    workdir.mkdir(parents=True, exist_ok=True)
    lock = open(workdir / ".bench_scaling.lock", "w")  # noqa: SIM115 (held until exit)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        parser.error(f"another bench_scaling run is using --workdir {workdir}")
    args.deadline = time.time() + args.time_limit if args.time_limit else None

    files = ResultFiles("scaling", args.out, argv)
    kept = []
    if args.merge and previous:
        kept = [r for r in previous["results"] if r["events"] not in args.sizes]
    results: list[dict] = []
    run_info = {
        "run_utc": files.meta["run_utc"],
        "commit": files.meta["commit"],
        "memory_limit": args.memory_limit or "DuckDB default (80% of RAM)",
        "select": args.select or "everything",
    }

    def save() -> None:
        write_outputs(files, kept + results, args)

    stop_on_signals()
    code = 0
    try:
        for events in args.sizes:
            folder = workdir / f"events_{events}"
            results.append({"events": events, **run_info, "status": "running", "steps": {}})
            try:
                bench_size(results[-1], args, folder, save)
            except StepFailed as failed:
                print(f"bench_scaling: {label(events)}: {failed.record['error']}", file=sys.stderr)
                code = 1
                break
            finally:
                if not args.keep:
                    remove_warehouse(folder / DB_NAME)
    except Stopped as stopped:
        print(f"bench_scaling: stopped ({stopped}); partial results kept", file=sys.stderr)
        code = 1
    finally:
        if own_workdir and not args.keep and code == 0:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"bench_scaling: step logs in {workdir}", file=sys.stderr)
    print(markdown(files.meta, sorted(kept + results, key=lambda r: r["events"]), args.top))
    return code


if __name__ == "__main__":
    sys.exit(main())
