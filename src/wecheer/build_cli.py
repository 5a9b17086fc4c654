"""`wecheer build`: dbt build with the wecheer project and profile; extra arguments pass through."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from wecheer import warehouse
from wecheer.dbt import environment_variable, run_dbt, target_type
from wecheer.errors import EXIT_CODES_HELP, raise_for_dbt
from wecheer.extras import require_adapter
from wecheer.paths import add_db_option, default_db


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="run `dbt build` on the warehouse (extra arguments go to dbt)",
        description=(
            "Run `dbt build` with the wecheer dbt project and its profiles.yml. "
            "Arguments wecheer does not know are passed to dbt, e.g. "
            "`wecheer build --select wecheer__events --full-refresh`. "
            "The package's dbt unit tests (its SQL on fixed inputs, not your data) are left "
            "out unless --unit-tests is given: a scheduled build need not pay for them."
        ),
        epilog=EXIT_CODES_HELP,
    )
    add_db_option(parser)
    parser.add_argument(
        "--unit-tests",
        action="store_true",
        help="also run the package's dbt unit tests (left out by default)",
    )
    parser.set_defaults(func=_build, accepts_extra=True)


def _build(args: argparse.Namespace) -> int:
    db = Path(args.db) if args.db else default_db()
    target = dbt_target(args.extra)
    require_adapter(target_type(target))
    if target == "duckdb":  # read-only: a missing source would build empty marts
        warehouse.check_source(db, warehouse.project_vars(warehouse.vars_option(args.extra)))
    dbt_args = [*args.extra, *unit_test_exclusion(args.extra, args.unit_tests)]
    incremental = (
        target == "duckdb" and "--full-refresh" not in args.extra and warehouse.is_built(db)
    )
    with keep_open(incremental):
        result = run_dbt(["build", *dbt_args], db=db)
    if not result.success and source_changed(result) and "--full-refresh" not in args.extra:
        print(
            "wecheer build: the source changed since the last build (replaced, regenerated or "
            "re-pointed): rebuilding everything with --full-refresh",
            file=sys.stderr,
        )
        result = run_dbt(["build", "--full-refresh", *dbt_args], db=db)
    raise_for_dbt(result)  # one line and exit 2, 3, 4 or 64
    return 0


# The start of the error the classification model raises when the source no longer holds the
# rows it loaded (macros/incremental/wecheer_check_source_unchanged.sql).
SOURCE_CHANGED = "wecheer: the source changed since the last build"


def source_changed(result) -> bool:
    """Whether a failed dbt build stopped because the source changed under it."""
    return any(SOURCE_CHANGED in (r.message or "") for r in (result.result or []))


@contextmanager
def keep_open(wanted: bool):
    """Whether dbt-duckdb keeps the warehouse open through the run (the profile reads
    WECHEER_DUCKDB_KEEP_OPEN). An incremental build then reads and writes a little in each of
    its 160 nodes without reopening the file each time; a full build does not: its writes would
    pile up in the write-ahead log until the end (DuckDB skips its automatic checkpoint while
    another thread holds a transaction)."""
    with environment_variable(KEEP_OPEN_ENV, "True" if wanted else "False"):
        yield


KEEP_OPEN_ENV = "WECHEER_DUCKDB_KEEP_OPEN"


def unit_test_exclusion(dbt_args: list[str], unit_tests: bool) -> list[str]:
    """The dbt option that leaves the package's unit tests out of a build (dbt's advice for
    production runs: they check the package's SQL on fixed inputs, whatever the warehouse
    holds), unless unit tests are asked for: --unit-tests, or a --resource-type selection
    (which then stands as given)."""
    selects_types = any(
        arg.split("=", 1)[0] in ("--resource-type", "--resource-types") for arg in dbt_args
    )
    return [] if unit_tests or selects_types else ["--exclude-resource-type", "unit_test"]


def dbt_target(dbt_args: list[str]) -> str:
    """The profile target dbt will use: --target/-t, else $DBT_TARGET, else duckdb (the
    profile's default)."""
    for i, arg in enumerate(dbt_args):
        if arg in ("--target", "-t") and i + 1 < len(dbt_args):
            return dbt_args[i + 1]
        if arg.startswith("--target="):
            return arg.split("=", 1)[1]
    return os.environ.get("DBT_TARGET") or "duckdb"
