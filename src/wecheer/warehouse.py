"""Read-only checks of a DuckDB warehouse before a command builds into it.

dbt creates a missing file and builds empty marts over a missing source schema, and on those
every source check passes. `wecheer build` and `wecheer qa` look first, read-only: the file
exists and is a DuckDB database nobody else holds, and the source schema (var `wecheer_schema`,
database var `wecheer_database`) exists and has event rows. Nothing is written when it does not.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wecheer import project
from wecheer.errors import EXIT_UNUSABLE, CliError, no_warehouse
from wecheer.paths import PROJECT_ROOT


@dataclass(frozen=True)
class Source:
    database: str
    schema: str
    event_tables: tuple[str, ...]


def connect_read_only(db: str | os.PathLike[str]):
    """A read-only connection; a missing file is a CliError (DuckDB's lock and not-a-database
    errors are turned into one line by `wecheer.errors`)."""
    import duckdb

    if not Path(db).is_file():
        raise no_warehouse(db)
    return duckdb.connect(str(db), read_only=True)


def vars_option(dbt_args: Sequence[str]) -> str | None:
    """The value of `--vars` among dbt arguments passed through by `wecheer build`."""
    for i, arg in enumerate(dbt_args):
        if arg == "--vars" and i + 1 < len(dbt_args):
            return dbt_args[i + 1]
        if arg.startswith("--vars="):
            return arg.split("=", 1)[1]
    return None


def project_vars(vars_text: str | None = None) -> dict:
    """The project's vars (dbt_project.yml) with `--vars` (YAML, as dbt reads it) on top."""
    import yaml

    merged = dict(project.project_vars())
    if vars_text:
        try:
            given = yaml.safe_load(vars_text)
        except yaml.YAMLError as error:
            raise CliError(f"--vars is not YAML: {str(error).splitlines()[0]}") from error
        if not isinstance(given, dict):
            raise CliError("--vars must be a YAML map", "e.g. --vars '{wecheer_schema: prod}'")
        merged.update(given)
    return merged


def segment_tables(variables: dict) -> frozenset[str]:
    """Segment's own tables (every other table of the source schema is an event table) under
    `variables` (the identifier vars), read from the dbt macro `wecheer_segment_tables` that the
    models use, so the list stays one."""
    import jinja2

    class Returned(Exception):
        pass

    def give_back(value):
        raise Returned(value)

    text = (PROJECT_ROOT / "macros" / "staging" / "wecheer_segment_tables.sql").read_text()
    template = jinja2.Environment().from_string(
        text, globals={"return": give_back, "var": variables.get}
    )
    try:
        template.module.wecheer_segment_tables()
    except Returned as returned:
        return frozenset(name.lower() for name in returned.args[0])
    raise RuntimeError("macro wecheer_segment_tables returned nothing")


def _quoted(*names: str) -> str:
    return ".".join('"' + name.replace('"', '""') + '"' for name in names)


def is_built(db: str | os.PathLike[str]) -> bool:
    """Whether a build already wrote the classification of the raw rows into `db` (the next
    build is incremental, unless asked for a full refresh)."""
    if not Path(db).exists():
        return False
    with connect_read_only(db) as con:
        (count,) = con.execute(
            "select count(*) from information_schema.tables "
            "where table_name = 'int_wecheer__event_rows_classified'"
        ).fetchone()
    return count > 0


def check_source(db: str | os.PathLike[str], variables: dict) -> Source | None:
    """The source the models will read, or a CliError (exit 3) when there is none to check:
    no source schema, no event table in it, or no row in its event tables. None when the source
    lives in a database this file does not hold (attached by the profile): not checked."""
    schema = str(variables.get("wecheer_schema") or "")
    wanted_database = variables.get("wecheer_database")
    with connect_read_only(db) as con:
        database = wanted_database or con.execute("select current_database()").fetchone()[0]
        databases = {
            row[0].lower()
            for row in con.execute("select database_name from duckdb_databases()").fetchall()
        }
        if str(database).lower() not in databases:
            return None
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where lower(table_catalog) = lower(?) order by 1, 2",
            [database],
        ).fetchall()
        in_schema = [
            name for table_schema, name in tables if table_schema.lower() == schema.lower()
        ]
        schemas = {
            row[0]
            for row in con.execute(
                "select schema_name from information_schema.schemata "
                "where lower(catalog_name) = lower(?) and lower(schema_name) = lower(?)",
                [database, schema],
            ).fetchall()
        }
        if not schemas:
            others = sorted({s for s, _ in tables} - {"main"})
            elsewhere = f" (schemas with tables: {', '.join(others)})" if others else ""
            raise CliError(
                f"no source schema {schema} in {db}{elsewhere}",
                "generate one with `wecheer generate`, or name yours with "
                "--vars '{wecheer_schema: <schema>}'",
                EXIT_UNUSABLE,
            )
        found_schema = next(iter(schemas))
        own_tables = segment_tables(variables)
        event_tables = tuple(name for name in in_schema if name.lower() not in own_tables)
        if not event_tables:
            present = f" (only {', '.join(in_schema)})" if in_schema else " (no table at all)"
            raise CliError(
                f"source schema {schema} in {db} has no event table{present}",
                "Segment writes one table per event; is this the right schema?",
                EXIT_UNUSABLE,
            )
        has_rows = any(
            con.execute(f"select 1 from {_quoted(database, found_schema, name)} limit 1").fetchone()
            for name in event_tables
        )
        if not has_rows:
            raise CliError(
                f"the {len(event_tables)} event table(s) of source schema {schema} in {db} "
                "hold no rows",
                "nothing to build or check; load the source first",
                EXIT_UNUSABLE,
            )
    return Source(str(database), found_schema, event_tables)
