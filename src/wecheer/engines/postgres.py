"""PostgreSQL: copy the generator's DuckDB output into a server.

`load_postgres` reads each table of the chosen schemas with DuckDB and streams it into
PostgreSQL with `COPY ... FROM STDIN` (CSV), keeping the column types. No DuckDB postgres
extension is used (it would have to be downloaded).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

# DuckDB type -> PostgreSQL type. Anything else (JSON, lists, structs, HUGEINT, ...) is copied as
# text: only the truth schema has such columns, and the models never read it.
PG_TYPES = {
    "VARCHAR": "text",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "SMALLINT": "smallint",
    "TINYINT": "smallint",
    "UBIGINT": "numeric(20, 0)",
    "UINTEGER": "bigint",
    "USMALLINT": "integer",
    "UTINYINT": "smallint",
    "DOUBLE": "double precision",
    "FLOAT": "real",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "TIME": "time",
    "UUID": "uuid",
}

DEFAULT_SCHEMAS = ("wecheer_prod", "wecheer_reference")


@dataclass(frozen=True)
class PgConnection:
    """Where a PostgreSQL server listens (the `postgres` output of profiles.yml reads these)."""

    host: str = "127.0.0.1"
    port: int = 5432
    user: str = "postgres"
    dbname: str = "postgres"
    password: str = ""

    @classmethod
    def from_env(cls) -> PgConnection:
        return cls(
            host=os.environ.get("WECHEER_PG_HOST", "127.0.0.1"),
            port=int(os.environ.get("WECHEER_PG_PORT", "5432")),
            user=os.environ.get("WECHEER_PG_USER", "postgres"),
            dbname=os.environ.get("WECHEER_PG_DBNAME", "postgres"),
            password=os.environ.get("WECHEER_PG_PASSWORD", ""),
        )

    def env(self) -> dict[str, str]:
        """Environment variables for dbt's `postgres` target."""
        return {
            "WECHEER_PG_HOST": self.host,
            "WECHEER_PG_PORT": str(self.port),
            "WECHEER_PG_USER": self.user,
            "WECHEER_PG_DBNAME": self.dbname,
            "WECHEER_PG_PASSWORD": self.password,
        }

    def connect(self):
        import psycopg2

        return psycopg2.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            dbname=self.dbname,
            password=self.password or None,
        )


def pg_type(duckdb_type: str) -> str:
    if duckdb_type.startswith("DECIMAL"):
        return duckdb_type.replace("DECIMAL", "numeric")
    return PG_TYPES.get(duckdb_type, "text")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _tables(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_schema = ? and table_type = 'BASE TABLE' order by table_name",
        [schema],
    ).fetchall()
    return [r[0] for r in rows]


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[tuple[str, str]]:
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def load_postgres(
    duckdb_path: str | os.PathLike[str],
    pg: PgConnection,
    schemas: Iterable[str] = DEFAULT_SCHEMAS,
) -> dict[str, int]:
    """Copy every table of `schemas` from the DuckDB file into PostgreSQL: each schema dropped and
    recreated, so the server mirrors the file (a schema the file does not have is dropped too:
    reference data of an earlier source must not stay behind). Returns rows per
    `schema.table`."""
    loaded: dict[str, int] = {}
    src = duckdb.connect(str(duckdb_path), read_only=True)
    conn = pg.connect()
    try:
        schemata = src.execute("select schema_name from information_schema.schemata")
        present = {r[0] for r in schemata.fetchall()}
        with conn, conn.cursor() as cur:
            for schema in schemas:
                cur.execute(f"drop schema if exists {_quote(schema)} cascade")
                if schema not in present:
                    continue
                cur.execute(f"create schema {_quote(schema)}")
                for table in _tables(src, schema):
                    columns = _columns(src, schema, table)
                    target = f"{_quote(schema)}.{_quote(table)}"
                    ddl = ", ".join(f"{_quote(name)} {pg_type(kind)}" for name, kind in columns)
                    cur.execute(f"create table {target} ({ddl})")
                    select = ", ".join(
                        _quote(name)
                        if pg_type(kind) != "text" or kind == "VARCHAR"
                        else f"cast({_quote(name)} as varchar) as {_quote(name)}"
                        for name, kind in columns
                    )
                    names = ", ".join(_quote(name) for name, _ in columns)
                    query = f"select {select} from {target}"
                    loaded[f"{schema}.{table}"] = _copy_table(src, query, cur, target, names)
    finally:
        conn.close()
        src.close()
    return loaded


def _copy_table(con: duckdb.DuckDBPyConnection, query: str, cur, target: str, names: str) -> int:
    """Write the query's rows to a temporary CSV file with DuckDB (NULL as \\N, so empty
    strings stay empty strings) and COPY it into the PostgreSQL table."""
    with tempfile.TemporaryDirectory(prefix="wecheer_pg_load_") as tmp:
        path = Path(tmp) / "rows.csv"
        escaped = str(path).replace("'", "''")
        con.execute(f"copy ({query}) to '{escaped}' (format csv, header false, nullstr '\\N')")
        with path.open("rb") as f:
            cur.copy_expert(f"copy {target} ({names}) from stdin with (format csv, null '\\N')", f)
        return cur.rowcount
