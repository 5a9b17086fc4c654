"""Benchmark the dbt core: `dbt build` of the core models on generated events.

For each size (default 1M and 10M events, realistic faults):
1. generate the source into a fresh warehouse file;
2. measure the floor: in one DuckDB connection, read every raw event table once and write the
   deduplicated union (first row per message id by received_at) to a table;
3. time a full `dbt build` of the core models and their tests (in-process, parsing excluded:
   the project is parsed once up front), and list the slowest nodes;
4. append one more day with `wecheer generate --append --days 1`;
5. time an incremental `dbt build` of the same nodes.
Each timed step starts after os.sync() and a 2 s pause (the generator has just written GBs).

Goal, at 10M events on a 2-core machine: full build within 6x the floor (the incremental build's
ratio to the full build is reported too). The table is printed and written to
benchmarks/results/<date>-dbt_build.md (and .json; `--out` elsewhere).

`--builds` also times what the builds cost without some of dbt's node types, each from the same
generated source (a copy of it per build, then its own full build, append and incremental
build): `complete` is the goal's `dbt build` (models, seed, data tests and unit tests),
`no-unit-tests` leaves out the unit tests (dbt advises running them in development and CI only),
`models` leaves out every test (what `dbt run` plus `dbt seed` would do).

    .venv/bin/python benchmarks/bench_dbt_build.py                      # 1M and 10M
    .venv/bin/python benchmarks/bench_dbt_build.py --events 1000000 --keep /tmp/bench
    .venv/bin/python benchmarks/bench_dbt_build.py --events 10000000 \
        --builds complete no-unit-tests models
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from harness import RESULTS, ResultFiles, measure_floor, measured, settle, table

from wecheer.cli import main as wecheer_main
from wecheer.dbt import CORE_SELECTOR, run_dbt

DB_NAME = "warehouse.duckdb"
# what each kind of build leaves out (dbt's --exclude-resource-type)
BUILDS = {
    "complete": (),
    "no-unit-tests": ("unit_test",),
    "models": ("unit_test", "test"),
}


def timed_build(
    db: Path, manifest, full_refresh: bool, exclude: tuple[str, ...] = ()
) -> tuple[dict, list[tuple[str, float]]]:
    args = ["build", "--select", CORE_SELECTOR, "--indirect-selection", "cautious"]
    if full_refresh:
        args.append("--full-refresh")
    if exclude:
        args += ["--exclude-resource-type", *exclude]
    settle()
    with measured() as record:
        result = run_dbt(args, db=db, manifest=manifest)
    if not result.success:
        sys.exit(f"dbt build failed on {db}")
    nodes = sorted(((r.node.name, r.execution_time) for r in result.result), key=lambda x: -x[1])
    return record, nodes


def generate(db: Path, events: int, seed: int, faults: str) -> float:
    start = time.perf_counter()
    code = wecheer_main(
        [
            "generate",
            "--db",
            str(db),
            "--events",
            str(events),
            "--seed",
            str(seed),
            "--faults",
            faults,
            "--replace",
            "--quiet",
            "--no-progress",
        ]
    )
    if code:
        sys.exit(f"wecheer generate failed ({code})")
    return time.perf_counter() - start


def full_and_incremental(db: Path, manifest, build: str) -> dict:
    """Full build, `wecheer generate --append --days 1`, incremental build: one kind of build."""
    exclude = BUILDS[build]
    full, full_nodes = timed_build(db, manifest, full_refresh=True, exclude=exclude)
    code = wecheer_main(
        ["generate", "--db", str(db), "--append", "--days", "1", "--quiet", "--no-progress"]
    )
    if code:
        sys.exit(f"wecheer generate --append failed ({code})")
    incremental, incremental_nodes = timed_build(db, manifest, full_refresh=False, exclude=exclude)
    return {
        "build": build,
        "nodes": len(full_nodes),
        "full_build_s": full["seconds"],
        "incremental_build_s": incremental["seconds"],
        "incremental_over_full": round(incremental["seconds"] / full["seconds"], 3),
        "full_build": full,
        "incremental_build": incremental,
        "slowest_full": [(n, round(t, 2)) for n, t in full_nodes[:8]],
        "slowest_incremental": [(n, round(t, 2)) for n, t in incremental_nodes[:8]],
    }


def bench(events: int, folder: Path, seed: int, faults: str, builds: list[str]) -> dict:
    db = folder / DB_NAME
    generate_s = generate(db, events, seed, faults)
    settle()
    floor_s, raw_rows, unique = measure_floor(db)
    pristine = folder / "generated" / DB_NAME
    if len(builds) > 1:  # every kind of build starts from the same generated source
        pristine.parent.mkdir(exist_ok=True)
        shutil.copyfile(db, pristine)
    parsed = run_dbt(["parse"], db=db)
    results = []
    for i, build in enumerate(builds):
        if i:
            shutil.copyfile(pristine, db)
        result = full_and_incremental(db, parsed.result, build)
        result["full_over_floor"] = round(result["full_build_s"] / floor_s, 2)
        results.append(result)
    if pristine.exists():
        pristine.unlink()
    return {
        "events": events,
        "raw_event_rows": raw_rows,
        "unique_events": unique,
        "generate_s": round(generate_s, 2),
        "floor_s": round(floor_s, 2),
        "builds": results,
    }


def markdown(files: ResultFiles, results: list[dict]) -> str:
    rows = [
        [f"{r['events']:,}", f"{r['raw_event_rows']:,}", b["build"], b["nodes"],
         f"{r['floor_s']:.1f} s", f"{b['full_build_s']:.1f} s", f"{b['full_over_floor']:.1f}x",
         f"{b['incremental_build_s']:.1f} s", f"{b['incremental_over_full']:.2f}",
         f"{b['full_build']['load_before']:.1f} / {b['incremental_build']['load_before']:.1f}"]
        for r in results
        for b in r["builds"]
    ]  # fmt: skip
    header = ["events", "raw event rows", "build", "nodes", "floor", "full build",
              "full / floor", "incremental (+1 day)", "incremental / full",
              "load (full / incr.)"]  # fmt: skip
    out = files.header("dbt core build (`benchmarks/bench_dbt_build.py`)")
    out += [
        "`dbt build` of the core (`tag:wecheer_core` and its tests), in-process, parsing "
        "excluded; floor: DuckDB reading every raw event table once and writing the "
        "deduplicated union, same run; incremental: after `wecheer generate --append --days 1`.",
        "",
        *table(header, rows, right={0, 1, 3, 4, 5, 6, 7, 8, 9}),
    ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", default="realistic", choices=["clean", "realistic", "hostile"])
    parser.add_argument("--keep", type=Path, help="keep the warehouse files in this folder")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help=f"results folder (default: {RESULTS})"
    )
    parser.add_argument(
        "--builds",
        nargs="+",
        default=["complete"],
        choices=list(BUILDS),
        help="kinds of dbt build to time (default: complete, the goal's)",
    )
    args = parser.parse_args(argv)
    files = ResultFiles("dbt_build", args.out, argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench_dbt_"))
    results = []
    try:
        for events in args.events:
            folder = root / f"events_{events}"
            folder.mkdir(parents=True, exist_ok=True)
            results.append(bench(events, folder, args.seed, args.faults, args.builds))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    files.write(markdown(files, results), {"results": results})
    print(files.path(".md").read_text())
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
