"""`wecheer build`: dbt build with the repo's project and profile; extra arguments pass through."""

from __future__ import annotations

import argparse

from wecheer.dbt import run_dbt


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="run `dbt build` on the warehouse (extra arguments go to dbt)",
        description=(
            "Run `dbt build` with this repository's dbt project and profiles.yml. "
            "Arguments wecheer does not know are passed to dbt, e.g. "
            "`wecheer build --select wecheer__events --full-refresh`."
        ),
    )
    parser.add_argument(
        "--db", help="DuckDB file (default: $WECHEER_DUCKDB or data/wecheer.duckdb)"
    )
    parser.set_defaults(func=_build, accepts_extra=True)


def _build(args: argparse.Namespace) -> int:
    result = run_dbt(["build", *args.extra], db=args.db)
    return 0 if result.success else 1
