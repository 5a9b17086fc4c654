"""History-growth benchmark: does a daily incremental `dbt build` cost more as history grows?

The same daily volume (default 10k events a day, realistic faults) with a short and a long
history (default 60 and 600 days, both ending on the same day), every step a subprocess (the
commands a user runs):

1. `wecheer generate --events <days x per day> --days <days> --start <end - days>` (once each);
2. `dbt parse` once (not timed), so every build below parses alike (dbt's partial parsing);
3. full build: `wecheer build` (the whole project: every model, seed and test);
4. append: `wecheer generate --append --days 1` (one more synced day, late arrivals included);
5. incremental build: `wecheer build` again.

Each repeat runs 3-5 on a fresh copy of the short history's source, then of the long one's
(interleaved, so both see similar load). Reported, in one run: full(long)/full(short) and
incremental(long)/incremental(short) (wall seconds of `wecheer build`, and dbt's own elapsed
time without its start and parse), and the slowest nodes of the incremental builds at each
history from `target/run_results.json`, so the nodes that grow with history stand out. Goal:
incremental(600 days) <= 1.3 x incremental(60 days) while the full build grows about 10x.
The tables are printed and written to benchmarks/results/<date>-history.md (and .json).

    .venv/bin/python benchmarks/bench_history.py                      # 60 and 600 days at 10k/day
    .venv/bin/python benchmarks/bench_history.py --repeat 2 --events-per-day 5000
    .venv/bin/python benchmarks/bench_history.py --days 2 6 --events-per-day 1000 --models-only \
        --out /tmp/h
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from harness import (
    BUILD_OK_CODES,
    RESULTS,
    OneLineParser,
    ResultFiles,
    StepFailed,
    Stopped,
    dbt_options,
    node_seconds,
    remove_warehouse,
    run_step,
    settle,
    slowest_nodes,
    spill_folder,
    stop_on_signals,
    synced_rows,
    wecheer_command,
)
from history_report import markdown

from wecheer.paths import PROJECT_ROOT

DB_NAME = "warehouse.duckdb"
GENERATED = "generated.duckdb"
BUILDS = ("full build", "incremental")
# `dbt parse` as `wecheer build` runs dbt (same project, profile and warehouse path)
PARSE = (
    "import sys; from wecheer.dbt import run_dbt; "
    "sys.exit(not run_dbt(sys.argv[2:], db=sys.argv[1]).success)"
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = OneLineParser(
        prog="bench_history",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--days", type=int, nargs=2, default=[60, 600], metavar=("SHORT", "LONG"),
        help="the two history lengths in days (default: 60 600)",
    )  # fmt: skip
    parser.add_argument("--events-per-day", type=int, default=10_000)
    parser.add_argument(
        "--end", type=date.fromisoformat, default=date(2026, 6, 1),
        help="day after the last generated day, the same for both histories (default: 2026-06-01)",
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=1, help="runs of the builds (median ratio)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", default="realistic", choices=["clean", "realistic", "hostile"])
    parser.add_argument("--memory-limit", help="DuckDB memory_limit for the builds (a profile)")
    parser.add_argument(
        "--select", help="dbt --select for every build (default: the whole project)"
    )
    parser.add_argument(
        "--models-only", action="store_true",
        help="leave out every data and unit test (smoke tests); default: the whole `dbt build`",
    )  # fmt: skip
    parser.add_argument(
        "--settle", type=float, default=2.0,
        help="seconds to pause after flushing the disk before each timed build (default: 2)",
    )  # fmt: skip
    parser.add_argument("--top", type=int, default=10, help="slowest incremental nodes to list")
    parser.add_argument("--workdir", type=Path, help="work folder (default: a new temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the warehouses and logs")
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help=f"results folder (default: {RESULTS})"
    )
    args = parser.parse_args(argv)
    short, long_ = args.days
    if not 1 <= short < long_:
        parser.error("--days: two lengths, the shorter first (e.g. 60 600)")
    if args.repeat < 1 or args.top < 1 or args.events_per_day < 500:
        parser.error("--repeat and --top must be at least 1, --events-per-day at least 500")
    if args.workdir and args.workdir.resolve().is_relative_to(PROJECT_ROOT):
        parser.error("--workdir must be outside the repository")
    return args


def build_options(args, workdir: Path) -> list[str]:
    """Options of every build: one target and log folder (and profile) for all, as the parse."""
    extra = dbt_options(workdir, args.memory_limit, args.select)
    if args.models_only:
        extra += ["--exclude-resource-type", "test", "unit_test"]
    return extra


def step(
    name: str, command: list[str], log_folder: Path, db: Path, tag: str, ok_codes=(0,)
) -> dict:
    print(f"[{tag}] {name} ...", file=sys.stderr, flush=True)
    log = log_folder / f"{tag}-{name.replace(' ', '_')}.log"
    record = run_step(name, command, log, folders={"spill": spill_folder(db)}, ok_codes=ok_codes)
    print(f"[{tag}] {name}: {record['seconds']:.1f} s", file=sys.stderr, flush=True)
    return record


def generate(args, days: int, folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / GENERATED
    start = args.end - timedelta(days=days)
    command = [*wecheer_command(), "generate", "--db", str(db), "--replace", "--quiet",
               "--events", str(days * args.events_per_day), "--days", str(days),
               "--start", start.isoformat(), "--seed", str(args.seed), "--faults", args.faults,
               "--no-progress"]  # fmt: skip
    record = step("generate", command, folder, db, f"{days}d")
    (record["rows"],) = synced_rows(db)
    return record


def fresh_warehouse(workdir: Path, days: int) -> Path:
    """The shared warehouse file, a fresh copy of the source generated for `days`. Every build
    uses the same file name and dbt target, so dbt's partial parsing serves every build alike."""
    db = workdir / DB_NAME
    remove_warehouse(db)
    shutil.copyfile(workdir / f"days_{days}" / GENERATED, db)
    return db


def parse(args, workdir: Path, days: int) -> dict:
    """`dbt parse` once before any timed build (not counted): no build pays a full parse."""
    db = fresh_warehouse(workdir, days)
    options = dbt_options(workdir, args.memory_limit)
    command = [sys.executable, "-c", PARSE, str(db), "parse", *options]
    return step("parse", command, workdir, db, "dbt")


def one_run(args, days: int, workdir: Path, repeat: int) -> dict:
    """Full build, append one day, incremental build, on a fresh copy of the generated source."""
    db = fresh_warehouse(workdir, days)
    tag, logs = f"{days}d run {repeat}", workdir / f"days_{days}"
    wecheer = wecheer_command()
    build = [*wecheer, "build", "--db", str(db), *build_options(args, workdir)]
    append = [*wecheer, "generate", "--db", str(db), "--append", "--days", "1",
              "--quiet", "--no-progress"]  # fmt: skip
    run: dict = {"days": days, "repeat": repeat}
    for name, command in (("full build", build), ("append", append), ("incremental", build)):
        if name in BUILDS:
            settle(args.settle)
        ok = BUILD_OK_CODES if name in BUILDS else (0,)
        run[name] = step(name, command, logs, db, tag, ok)
        if name in BUILDS:
            results = workdir / "target" / "run_results.json"
            run[name]["dbt"] = slowest_nodes(results, args.top)
            run[name]["node_seconds"] = node_seconds(results)
    synced = synced_rows(db)
    run["append"]["rows"] = synced[-1]
    run["source_rows"] = sum(synced)
    return run


def ratios(runs: list[dict], short: int, long_: int) -> list[dict]:
    """Per repeat: long over short for each build, wall and dbt-elapsed seconds."""
    out = []
    for repeat in sorted({r["repeat"] for r in runs}):
        pair = {r["days"]: r for r in runs if r["repeat"] == repeat}
        if short not in pair or long_ not in pair:
            continue
        row = {"repeat": repeat}
        for build in BUILDS:
            a, b = pair[short][build], pair[long_][build]
            row[build] = round(b["seconds"] / a["seconds"], 2)
            row[f"{build} (dbt elapsed)"] = round(b["dbt"]["elapsed"] / a["dbt"]["elapsed"], 2)
        out.append(row)
    return out


def median_ratios(rows: list[dict]) -> dict:
    keys = [k for k in rows[0] if k != "repeat"] if rows else []
    return {k: round(statistics.median(r[k] for r in rows), 2) for k in keys}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    short, long_ = args.days
    files = ResultFiles("history", args.out, argv)
    own = args.workdir is None
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_history_"))
    data: dict = {
        "settings": {"days": args.days, "events_per_day": args.events_per_day,
                     "end": args.end.isoformat(), "repeat": args.repeat, "seed": args.seed,
                     "faults": args.faults, "select": (args.select or "everything")
                     + (", models and seeds only" if args.models_only else ""),
                     "memory_limit": args.memory_limit or "the project's profile"},
        "generate": {}, "runs": [], "status": "running",
    }  # fmt: skip

    def save() -> None:
        data["ratios"] = ratios(data["runs"], short, long_)
        data["median"] = median_ratios(data["ratios"])
        files.write(markdown(files, data, args.top), data)

    stop_on_signals()
    code = 0
    started = time.perf_counter()
    try:
        for days in args.days:
            data["generate"][str(days)] = generate(args, days, workdir / f"days_{days}")
            save()
        data["parse"] = parse(args, workdir, short)
        for repeat in range(1, args.repeat + 1):
            for days in args.days:
                data["runs"].append(one_run(args, days, workdir, repeat))
                save()
        data["status"] = "ok"
    except StepFailed as failed:
        data["status"] = f"failed at {failed.record['step']}: {failed.record['error']}"
        code = 1
    except Stopped as stopped:
        data["status"] = f"stopped ({stopped})"
        code = 1
    finally:
        data["wall_seconds"] = round(time.perf_counter() - started)
        save()
        if own and not args.keep and code == 0:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            if not args.keep:
                for warehouse in workdir.glob("**/*.duckdb*"):
                    shutil.rmtree(warehouse) if warehouse.is_dir() else warehouse.unlink()
            print(f"bench_history: step logs in {workdir}", file=sys.stderr)
    if code:
        print(f"bench_history: {data['status']}", file=sys.stderr)
    print(files.path(".md").read_text())
    return code


if __name__ == "__main__":
    sys.exit(main())
