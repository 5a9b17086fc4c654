"""`wecheer load-postgres`: copy a generated DuckDB source into a PostgreSQL server."""

from __future__ import annotations

import argparse

from wecheer.engines.postgres import DEFAULT_SCHEMAS, PgConnection, load_postgres
from wecheer.paths import default_db


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "load-postgres",
        help="copy the generated source (DuckDB file) into PostgreSQL",
        description=(
            "Copy every table of the given schemas from the generator's DuckDB file into a "
            "PostgreSQL server (each schema dropped and recreated), keeping the column types. "
            "The server is the one the `postgres` dbt target uses: WECHEER_PG_HOST, "
            "WECHEER_PG_PORT, WECHEER_PG_USER, WECHEER_PG_DBNAME, WECHEER_PG_PASSWORD. "
            "Then: `wecheer build --target postgres`."
        ),
    )
    parser.add_argument(
        "--db", help="DuckDB file (default: $WECHEER_DUCKDB or data/wecheer.duckdb)"
    )
    parser.add_argument(
        "--schema",
        action="append",
        dest="schemas",
        help=f"schema to copy; repeatable (default: {', '.join(DEFAULT_SCHEMAS)})",
    )
    parser.set_defaults(func=_load)


def _load(args: argparse.Namespace) -> int:
    loaded = load_postgres(
        args.db or default_db(), PgConnection.from_env(), args.schemas or DEFAULT_SCHEMAS
    )
    print(f"{len(loaded)} tables, {sum(loaded.values()):,} rows copied into PostgreSQL")
    return 0
