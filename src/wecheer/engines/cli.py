"""`wecheer load-postgres` and `wecheer load-spark`: a generated source into another engine."""

from __future__ import annotations

import argparse

from wecheer.cli import CliError
from wecheer.engines.postgres import DEFAULT_SCHEMAS, PgConnection, load_postgres
from wecheer.engines.spark import DEFAULT_SOURCE_SCHEMA, SparkLoadError, load_spark
from wecheer.extras import require_extra
from wecheer.paths import add_db_option, default_db


def register(subparsers: argparse._SubParsersAction) -> None:
    register_postgres(subparsers)
    register_spark(subparsers)


def register_postgres(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "load-postgres",
        help="copy the generated source (DuckDB file) into PostgreSQL",
        description=(
            "Copy every table of the given schemas from the generator's DuckDB file into a "
            "PostgreSQL server (each schema dropped and recreated; one the file lacks is dropped), "
            "keeping the column types. "
            "The server is the one the `postgres` dbt target uses: WECHEER_PG_HOST, "
            "WECHEER_PG_PORT, WECHEER_PG_USER, WECHEER_PG_DBNAME, WECHEER_PG_PASSWORD. "
            "Then: `wecheer build --target postgres`."
        ),
    )
    add_db_option(parser)
    parser.add_argument(
        "--schema",
        action="append",
        dest="schemas",
        help=f"schema to copy; repeatable (default: {', '.join(DEFAULT_SCHEMAS)})",
    )
    parser.set_defaults(func=_load)


def _load(args: argparse.Namespace) -> int:
    require_extra("postgres")
    loaded = load_postgres(
        args.db or default_db(), PgConnection.from_env(), args.schemas or DEFAULT_SCHEMAS
    )
    print(f"{len(loaded)} tables, {sum(loaded.values()):,} rows copied into PostgreSQL")
    return 0


def register_spark(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "load-spark",
        help="make Spark tables of a generated Parquet data lake (`generate --format parquet`)",
        description=(
            "Create one external Parquet table per segment_type=<table> folder of the data lake "
            "in the source schema (dropped and recreated), and tables of the reference schema "
            "copied from the generator's DuckDB file, in the `spark` dbt target (Spark in this "
            "process; warehouse and Derby metastore under $WECHEER_SPARK_DIR, default "
            "data/spark). Then: `wecheer build --target spark`."
        ),
    )
    parser.add_argument("--lake", required=True, help="the data lake folder (generate --out)")
    parser.add_argument(
        "--schema", default=DEFAULT_SOURCE_SCHEMA, help="source schema to create in Spark"
    )
    add_db_option(parser, "DuckDB file with the reference schema")
    parser.add_argument(
        "--no-reference", action="store_true", help="do not copy the reference schema"
    )
    parser.set_defaults(func=_load_spark)


def _load_spark(args: argparse.Namespace) -> int:
    require_extra("spark")
    reference_db = None if args.no_reference else (args.db or default_db())
    try:
        loaded = load_spark(args.lake, schema=args.schema, reference_db=reference_db)
    except SparkLoadError as error:
        raise CliError(str(error)) from error
    print(", ".join(f"{schema}: {len(tables)} tables" for schema, tables in loaded.items()))
    return 0
