"""`wecheer build`: dbt build with the wecheer project and profile; extra arguments pass through."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from wecheer.cli import CliError
from wecheer.dbt import run_dbt, target_type
from wecheer.extras import require_adapter
from wecheer.paths import default_db


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="run `dbt build` on the warehouse (extra arguments go to dbt)",
        description=(
            "Run `dbt build` with the wecheer dbt project and its profiles.yml. "
            "Arguments wecheer does not know are passed to dbt, e.g. "
            "`wecheer build --select wecheer__events --full-refresh`."
        ),
    )
    parser.add_argument(
        "--db", help="DuckDB file (default: $WECHEER_DUCKDB or data/wecheer.duckdb)"
    )
    parser.set_defaults(func=_build, accepts_extra=True)


def _build(args: argparse.Namespace) -> int:
    db = Path(args.db) if args.db else default_db()
    target = dbt_target(args.extra)
    require_adapter(target_type(target))
    if target == "duckdb" and not db.parent.is_dir():
        raise CliError(
            f"no folder {db.parent} for the warehouse {db}: create it, or point --db or "
            "WECHEER_DUCKDB at the warehouse"
        )
    result = run_dbt(["build", *args.extra], db=db)
    return 0 if result.success else 1


def dbt_target(dbt_args: list[str]) -> str:
    """The profile target dbt will use: --target/-t, else $DBT_TARGET, else duckdb (the
    profile's default)."""
    for i, arg in enumerate(dbt_args):
        if arg in ("--target", "-t") and i + 1 < len(dbt_args):
            return dbt_args[i + 1]
        if arg.startswith("--target="):
            return arg.split("=", 1)[1]
    return os.environ.get("DBT_TARGET") or "duckdb"
