"""Helpers shared by the generator tests: run `wecheer generate` in-process, read tables."""

from __future__ import annotations

from pathlib import Path

import duckdb

from wecheer.cli import main
from wecheer.segment import STANDARD_COLUMN_NAMES


def generate(db: Path, *args: str) -> int:
    return main(["generate", "--db", str(db), "--quiet", *args])


def connect(db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(db), read_only=True)


def event_tables(con, schema: str = "wecheer_prod") -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = ? "
        "and table_name not in ('tracks', 'identifies', 'users') order by 1",
        [schema],
    ).fetchall()
    return [r[0] for r in rows]


def columns(con, table: str, schema: str = "wecheer_prod") -> dict[str, str]:
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    return dict(rows)


def all_events_sql(con, schema: str = "wecheer_prod") -> str:
    """Every event-table row with standard columns and ids as text (a SQL subquery)."""
    parts = []
    for table in event_tables(con, schema):
        cols = columns(con, table, schema)
        adv = "advertiser_id::varchar" if "advertiser_id" in cols else "null::varchar"
        camp = "campaign_id::varchar" if "campaign_id" in cols else "null::varchar"
        std = ", ".join(f'"{c}"' for c in STANDARD_COLUMN_NAMES)
        parts.append(
            f"select '{table}' as source_table, {std}, {adv} as advertiser_id, "
            f'{camp} as campaign_id from {schema}."{table}"'
        )
    return "(" + " union all ".join(parts) + ")"
