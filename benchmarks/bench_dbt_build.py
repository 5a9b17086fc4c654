"""Benchmark the dbt core (issue 3): `dbt build` of the core models on generated events.

For each size (default 1M and 10M events, realistic faults):
1. generate the source into a fresh warehouse file;
2. measure the floor: in one DuckDB connection, read every raw event table once and write the
   deduplicated union (first row per message id by received_at) to a table;
3. time a full `dbt build` of the core models and their tests (in-process, parsing excluded:
   the project is parsed once up front), and list the slowest nodes;
4. append one more day with `wecheer generate --append --days 1`;
5. time an incremental `dbt build` of the same nodes.
Each timed step starts after os.sync() and a 2 s pause (the generator has just written GBs).

Goals (issue 3), at 10M events on a 2-core machine: full build within 6x the floor,
incremental build within a fifth of the full build.

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
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from wecheer.cli import main as wecheer_main
from wecheer.dbt import CORE_SELECTOR, run_dbt

SEGMENT_TABLES = {
    "tracks",
    "identifies",
    "users",
    "pages",
    "screens",
    "groups",
    "accounts",
    "aliases",
}
FLOOR_COLUMNS = (
    "id",
    "user_id",
    "event_text",
    "original_timestamp",
    "sent_at",
    "received_at",
    "timestamp",
    "uuid_ts",
)
DB_NAME = "warehouse.duckdb"
# what each kind of build leaves out (dbt's --exclude-resource-type)
BUILDS = {
    "complete": (),
    "no-unit-tests": ("unit_test",),
    "models": ("unit_test", "test"),
}


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def measure_floor(db: Path, config: dict | None = None) -> tuple[float, int, int]:
    """Seconds to read every raw event table once and write the deduplicated union.

    `config`: DuckDB settings for the connection (e.g. memory_limit)."""
    with duckdb.connect(str(db), config=config or {}) as con:
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'wecheer_prod' order by 1"
            ).fetchall()
            if t not in SEGMENT_TABLES
        ]
        selects = []
        for table in tables:
            present = {
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = 'wecheer_prod' and table_name = ?",
                    [table],
                ).fetchall()
            }
            names = FLOOR_COLUMNS + ("advertiser_id", "campaign_id")
            items = []
            for c in names:
                timestamp = c.endswith(("_at", "timestamp", "_ts"))
                if c not in present:
                    items.append(f"cast(null as {'timestamp' if timestamp else 'varchar'})")
                elif c.endswith("id"):
                    items.append(f"cast({q(c)} as varchar)")
                else:
                    items.append(q(c))
            aliased = ", ".join(f"{e} as {q(c)}" for e, c in zip(items, names, strict=True))
            selects.append(
                f"select '{table}' as source_table, {aliased} from wecheer_prod.{q(table)}"
            )
        raw_rows = con.execute(
            "select sum(n) from ("
            + " union all ".join(f"select count(*) as n from wecheer_prod.{q(t)}" for t in tables)
            + ")"
        ).fetchone()[0]
        con.execute("create schema if not exists bench_floor")
        start = time.perf_counter()
        con.execute(
            "create or replace table bench_floor.events as select * from ("
            + " union all ".join(selects)
            + ") qualify row_number() over (partition by id order by received_at, uuid_ts) = 1"
        )
        seconds = time.perf_counter() - start
        unique = con.execute("select count(*) from bench_floor.events").fetchone()[0]
        con.execute("drop schema bench_floor cascade")
    return seconds, raw_rows, unique


def settle(seconds: float = 2.0) -> None:
    """Flush the page cache's dirty pages (the generator has just written GBs) and pause, so a
    timed build does not share the disk with the write-back of the step before it."""
    os.sync()
    time.sleep(seconds)


def timed_build(
    db: Path, manifest, full_refresh: bool, exclude: tuple[str, ...] = ()
) -> tuple[float, list[tuple[str, float]]]:
    args = ["build", "--select", CORE_SELECTOR, "--indirect-selection", "cautious"]
    if full_refresh:
        args.append("--full-refresh")
    if exclude:
        args += ["--exclude-resource-type", *exclude]
    settle()
    start = time.perf_counter()
    result = run_dbt(args, db=db, manifest=manifest)
    seconds = time.perf_counter() - start
    if not result.success:
        sys.exit(f"dbt build failed on {db}")
    nodes = sorted(((r.node.name, r.execution_time) for r in result.result), key=lambda x: -x[1])
    return seconds, nodes


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
    full_s, full_nodes = timed_build(db, manifest, full_refresh=True, exclude=exclude)
    code = wecheer_main(
        ["generate", "--db", str(db), "--append", "--days", "1", "--quiet", "--no-progress"]
    )
    if code:
        sys.exit(f"wecheer generate --append failed ({code})")
    incremental_s, incremental_nodes = timed_build(
        db, manifest, full_refresh=False, exclude=exclude
    )
    return {
        "build": build,
        "nodes": len(full_nodes),
        "full_build_s": round(full_s, 2),
        "incremental_build_s": round(incremental_s, 2),
        "incremental_over_full": round(incremental_s / full_s, 3),
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", default="realistic", choices=["clean", "realistic", "hostile"])
    parser.add_argument("--keep", type=Path, help="keep the warehouse files in this folder")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--builds",
        nargs="+",
        default=["complete"],
        choices=list(BUILDS),
        help="kinds of dbt build to time (default: complete, the goal's)",
    )
    args = parser.parse_args(argv)
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
    print(
        "| events | raw event rows | build | nodes | floor | full build | full / floor "
        "| incremental (+1 day) | incremental / full |"
    )
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        for b in r["builds"]:
            print(
                f"| {r['events']:,} | {r['raw_event_rows']:,} | {b['build']} | {b['nodes']} | "
                f"{r['floor_s']:.1f} s | {b['full_build_s']:.1f} s | {b['full_over_floor']:.1f}x | "
                f"{b['incremental_build_s']:.1f} s | {b['incremental_over_full']:.2f} |"
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
