"""`wecheer build`: dbt build with the wecheer project and profile; extra arguments pass through."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wecheer import warehouse
from wecheer.dbt import run_dbt, target_type
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
            "`wecheer build --select wecheer__events --full-refresh`."
        ),
        epilog=EXIT_CODES_HELP,
    )
    add_db_option(parser)
    parser.set_defaults(func=_build, accepts_extra=True)


def _build(args: argparse.Namespace) -> int:
    db = Path(args.db) if args.db else default_db()
    target = dbt_target(args.extra)
    require_adapter(target_type(target))
    if target == "duckdb":  # read-only: a missing source would build empty marts
        warehouse.check_source(db, warehouse.project_vars(warehouse.vars_option(args.extra)))
    result = run_dbt(["build", *args.extra], db=db)
    if not result.success and source_changed(result) and "--full-refresh" not in args.extra:
        print(
            "wecheer build: the source changed since the last build (replaced, regenerated or "
            "re-pointed): rebuilding everything with --full-refresh",
            file=sys.stderr,
        )
        result = run_dbt(["build", "--full-refresh", *args.extra], db=db)
    raise_for_dbt(result)  # one line and exit 2, 3, 4 or 64
    return 0


# The start of the error the classification model raises when the source no longer holds the
# rows it loaded (macros/incremental/wecheer_check_source_unchanged.sql).
SOURCE_CHANGED = "wecheer: the source changed since the last build"


def source_changed(result) -> bool:
    """Whether a failed dbt build stopped because the source changed under it."""
    return any(SOURCE_CHANGED in (r.message or "") for r in (result.result or []))


def dbt_target(dbt_args: list[str]) -> str:
    """The profile target dbt will use: --target/-t, else $DBT_TARGET, else duckdb (the
    profile's default)."""
    for i, arg in enumerate(dbt_args):
        if arg in ("--target", "-t") and i + 1 < len(dbt_args):
            return dbt_args[i + 1]
        if arg.startswith("--target="):
            return arg.split("=", 1)[1]
    return os.environ.get("DBT_TARGET") or "duckdb"
