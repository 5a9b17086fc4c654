"""Benchmark the funnel layer on generated events.

1. Generate N events (default 10M, realistic faults) into a fresh warehouse file.
2. Build every model once with dbt (in-process, --full-refresh) and sum dbt's per-model times:
   the funnel layer (models/marts/funnels, models/marts/campaigns,
   models/intermediate/campaigns) against the whole build.
3. In one DuckDB connection (same process, same data, same threads), build the receipt funnel
   (attempts, then per-campaign steps) two ways, best of --repeat runs each:
   - `wecheer`: the SQL of wecheer__receipts as dbt compiles it (one window pass over each
     user's campaign stream, one GROUP BY), then the steps;
   - `self-join`: the way common dbt funnel packages do it: each scan joined to the scans of its
     stream (its number, and the next scan where its attempt ends), then to the stream's events
     in that interval, then to the rewards after its acceptance. It must give exactly the rows
     of wecheer__receipts and the same funnel, which is checked before timing is reported;
   - `simple self-join`: an earlier, simpler version (outcome only, no tie rules), for reference.
The SQL of both self-joins and of the heavy users is in funnel_sql.py. The tables are printed
and written to benchmarks/results/<date>-funnels.md (and .json; `--out` elsewhere).

    .venv/bin/python benchmarks/bench_funnels.py                 # 10M events
    .venv/bin/python benchmarks/bench_funnels.py --events 1000000 --repeat 3
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from funnel_sql import FUNNEL_STEPS, HEAVY_EVENTS, SELF_JOIN_RECEIPTS, SIMPLE_SELF_JOIN_ATTEMPTS
from harness import RESULTS, ResultFiles, load, measured, table, write_profile

from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt
from wecheer.paths import PROJECT_ROOT

__all__ = ["SELF_JOIN_RECEIPTS", "main"]  # the funnel truth tests check the self-join's rows

FUNNEL_PATHS = (
    "models/marts/funnels/",
    "models/marts/campaigns/",
    "models/intermediate/campaigns/",
)
NAMES = ("wecheer", "self-join", "simple self-join")
PREFIXES = {"wecheer": "window", "self-join": "selfjoin", "simple self-join": "simple"}


def timed(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    """Seconds of one statement (nothing else in the timed span: the funnels take seconds)."""
    started = time.perf_counter()
    con.execute(sql)
    return time.perf_counter() - started


def build_funnel(con, attempts_sql: str, name: str) -> float:
    """Attempts into a temp table, then the per-campaign steps; returns seconds."""
    return timed(con, f"create or replace temp table {name}_attempts as {attempts_sql}") + timed(
        con,
        f"create or replace temp table {name}_funnel as "
        + FUNNEL_STEPS.format(attempts=f"{name}_attempts"),
    )


@contextlib.contextmanager
def quiet_stdout():
    """Silence dbt's own printing (compile prints the SQL) at the file-descriptor level."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            sys.stdout.flush()
            os.dup2(saved, 1)
            os.close(saved)


def differing_rows(con, left: str, right: str) -> int:
    """Rows of one table missing from the other, both ways (duplicates counted)."""
    return sum(
        con.execute(
            f"select count(*) from (select * from {a} except all select * from {b})"
        ).fetchone()[0]
        for a, b in ((left, right), (right, left))
    )


def check_same(con) -> bool:
    """The exact self-join must give wecheer__receipts' rows and funnel (else exit); returns
    whether the simple self-join's funnel agreed too."""
    # every column but the incremental watermark, which the self-join does not keep
    rows = differing_rows(
        con, "(select * exclude (last_loaded_at) from window_attempts)", "selfjoin_attempts"
    )
    funnel = differing_rows(con, "window_funnel", "selfjoin_funnel")
    if rows or funnel:
        sys.exit(f"bench_funnels: the self-join differs ({rows} attempt rows, {funnel} campaigns)")
    return differing_rows(con, "window_funnel", "simple_funnel") == 0


def dbt_ok(result, what: str):
    if not result.success:
        failed = [
            (r.node.name, str(r.status), r.message)
            for r in (result.result or [])
            if str(r.status) not in ("success", "pass", "warn")
        ]
        sys.exit(f"bench_funnels: {what} failed: {failed or result.exception}")
    return result


def build_models(db: Path, dbt_args: list[str]) -> dict:
    """A full build of every model and seed (no tests): wall and per-layer model seconds."""
    print("dbt build (every model and seed, no tests)", flush=True)
    with measured() as record:
        result = dbt_ok(
            run_dbt(["build", "--full-refresh", "--resource-type", "model",
                     "--resource-type", "seed", *dbt_args], db=db),
            "dbt build",
        )  # fmt: skip
    node_times = {r.node.name: (r.node.original_file_path, r.execution_time) for r in result.result}
    funnel = [t for path, t in node_times.values() if path.startswith(FUNNEL_PATHS)]
    return {
        **record,
        "all_models_s": round(sum(t for _, t in node_times.values()), 2),
        "funnel_models": len(funnel),
        "funnel_models_s": round(sum(funnel), 2),
        "receipts_s": round(node_times["wecheer__receipts"][1], 2),
    }


def time_funnels(con, sql: dict[str, str], repeat: int) -> tuple[dict[str, float], bool]:
    """Best seconds of `repeat` runs of each funnel, and whether the simple one agreed."""
    timings: dict[str, list[float]] = {name: [] for name in NAMES}
    for _ in range(repeat):
        for name in NAMES:
            timings[name].append(build_funnel(con, sql[name], PREFIXES[name]))
    return {name: round(min(t), 3) for name, t in timings.items()}, check_same(con)


def compare(db: Path, dbt_args: list[str], args) -> dict:
    """Both funnels on the generated data and on the heavy users, in one DuckDB connection."""
    with quiet_stdout():
        compiled = run_dbt(["compile", "--select", "wecheer__receipts", *dbt_args], db=db)
    dbt_ok(compiled, "dbt compile")
    window_sql = compiled.result.results[0].node.compiled_code
    sql = {"wecheer": window_sql, "self-join": SELF_JOIN_RECEIPTS,
           "simple self-join": SIMPLE_SELF_JOIN_ATTEMPTS}  # fmt: skip
    heavy_sql = {
        name: text.replace('"main"."wecheer__events"', '"heavy"."wecheer__events"').replace(
            "main.wecheer__events", "heavy.wecheer__events"
        )
        for name, text in sql.items()
    }
    with duckdb.connect(str(db), config={"memory_limit": args.memory_limit}) as con:
        (events,) = con.execute("select count(*) from main.wecheer__events").fetchone()
        (attempts,) = con.execute("select count(*) from main.wecheer__receipts").fetchone()
        load_before = load()
        generated, simple_agreed = time_funnels(con, sql, args.repeat)
        con.execute("create schema if not exists heavy")
        con.execute(HEAVY_EVENTS.format(users=args.heavy_users, weeks=args.heavy_weeks))
        (heavy_events,) = con.execute("select count(*) from heavy.wecheer__events").fetchone()
        heavy, heavy_simple_agreed = time_funnels(con, heavy_sql, args.repeat)
    return {
        "events": events, "attempts": attempts, "heavy_events": heavy_events,
        "generated_s": generated, "heavy_s": heavy, "simple_agreed": simple_agreed,
        "heavy_simple_agreed": heavy_simple_agreed, "load_before": load_before,
    }  # fmt: skip


def markdown(files: ResultFiles, args, funnels: dict, build: dict) -> str:
    f, gen, heavy = funnels, funnels["generated_s"], funnels["heavy_s"]
    rows = [[name, f"{gen[name]:.2f}", f"{heavy[name]:.2f}"] for name in NAMES]
    rows += [[f"{name} time / wecheer time", f"{gen[name] / gen['wecheer']:.2f}",
              f"{heavy[name] / heavy['wecheer']:.2f}"] for name in NAMES[1:]]  # fmt: skip
    source = "reused warehouse" if args.reuse else args.faults
    out = files.header("Funnels (`benchmarks/bench_funnels.py`)")
    out += [
        f"{f['events']:,} unique events ({source}), {f['attempts']:,} receipt attempts; "
        f"heavy users: {f['heavy_events']:,} events, {args.heavy_users:,} users x "
        f"{args.heavy_weeks} weekly scans in one campaign. DuckDB, one process, best of "
        f"{args.repeat}; load {f['load_before']:.1f} as the comparison started.",
        "",
        *table(["receipt funnel (attempts + per-campaign steps)", "generated data, s",
                "heavy users, s"], rows),
        "",
        "self-join: identical rows to wecheer__receipts (checked); simple self-join (outcome "
        "only, no tie or after-acceptance rules): per-campaign funnel "
        f"{'agreed' if f['simple_agreed'] else 'DIFFERED'} on generated data, "
        f"{'agreed' if f['heavy_simple_agreed'] else 'DIFFERED'} on heavy users.",
        "",
        *table(["dbt build, every model", "seconds"], [
            ["whole build (wall)", f"{build['seconds']:.1f}"],
            ["all models (sum of model times)", f"{build['all_models_s']:.1f}"],
            [f"funnel layer: {build['funnel_models']} models (sum)",
             f"{build['funnel_models_s']:.1f} "
             f"({build['funnel_models_s'] / build['all_models_s']:.0%} of all models)"],
            ["of which wecheer__receipts", f"{build['receipts_s']:.1f}"],
        ]),
    ]  # fmt: skip
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", default="realistic")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each funnel (best is kept)")
    parser.add_argument("--workdir", type=Path, help="keep the warehouse here (default: temp)")
    parser.add_argument("--heavy-users", type=int, default=2000)
    parser.add_argument("--heavy-weeks", type=int, default=260, help="scans per heavy user")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the warehouse already in --workdir (generated earlier) instead of generating",
    )
    parser.add_argument("--project-dir", type=Path, default=PROJECT_ROOT, help="dbt project")
    parser.add_argument(
        "--memory-limit", default="4GB", help="DuckDB memory_limit for dbt and the comparison"
    )
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help=f"results folder (default: {RESULTS})"
    )
    args = parser.parse_args(argv)

    if args.reuse and args.workdir is None:
        parser.error("--reuse needs --workdir")
    files = ResultFiles("funnels", args.out, argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_funnels_"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "warehouse.duckdb"
    profiles = write_profile(workdir, args.memory_limit)
    dbt_args = ["--project-dir", str(args.project_dir), "--profiles-dir", str(profiles)]
    try:
        if args.reuse:
            if not db.exists():
                sys.exit(f"bench_funnels: --reuse but {db} does not exist")
            print(f"reusing {db}", flush=True)
        else:
            print(f"generating {args.events:,} events ({args.faults}) -> {db}", flush=True)
            with measured() as generated:
                code = wecheer_main(
                    ["generate", "--db", str(db), "--events", str(args.events),
                     "--seed", str(args.seed), "--faults", args.faults, "--replace", "--quiet"]
                )  # fmt: skip
            if code:
                return code
            print(f"  {generated['seconds']:.1f} s", flush=True)
        build = build_models(db, dbt_args)
        funnels = compare(db, dbt_args, args)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    text = markdown(files, args, funnels, build)
    files.write(text, {"funnels": funnels, "build": build})
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
