"""The generated source a benchmark measures: rows per sync, and the floor (the same-run
baseline: DuckDB reading every raw event table once and writing the deduplicated union)."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from wecheer.warehouse import project_vars, segment_tables

# Segment's own tables: not event tables (the models' list, under the declared vars).
SEGMENT_TABLES = segment_tables(project_vars())
FLOOR_COLUMNS = (
    "id",
    "user_id",
    "event_text",
    "original_timestamp",
    "sent_at",
    "received_at",
    "timestamp",
    "uuid_ts",
)


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def synced_rows(db: Path) -> list[int]:
    """Raw event-table rows written per sync, from the generator's truth table."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select event_table_rows from wecheer_truth.runs order by sync_number"
        ).fetchall()
    return [r for (r,) in rows]


def measure_floor(db: Path, config: dict | None = None) -> tuple[float, int, int]:
    """Seconds to read every raw event table once and write the deduplicated union; the raw
    rows read and the unique rows written. `config`: DuckDB settings (e.g. memory_limit)."""
    with duckdb.connect(str(db), config=config or {}) as con:
        tables = [
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'wecheer_prod' order by 1"
            ).fetchall()
            if t not in SEGMENT_TABLES
        ]
        selects = []
        for table in tables:
            present = {
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = 'wecheer_prod' and table_name = ?",
                    [table],
                ).fetchall()
            }
            names = FLOOR_COLUMNS + ("advertiser_id", "campaign_id")
            items = []
            for c in names:
                timestamp = c.endswith(("_at", "timestamp", "_ts"))
                if c not in present:
                    items.append(f"cast(null as {'timestamp' if timestamp else 'varchar'})")
                elif c.endswith("id"):
                    items.append(f"cast({q(c)} as varchar)")
                else:
                    items.append(q(c))
            aliased = ", ".join(f"{e} as {q(c)}" for e, c in zip(items, names, strict=True))
            selects.append(
                f"select '{table}' as source_table, {aliased} from wecheer_prod.{q(table)}"
            )
        raw_rows = con.execute(
            "select sum(n) from ("
            + " union all ".join(f"select count(*) as n from wecheer_prod.{q(t)}" for t in tables)
            + ")"
        ).fetchone()[0]
        con.execute("create schema if not exists bench_floor")
        start = time.perf_counter()
        con.execute(
            "create or replace table bench_floor.events as select * from ("
            + " union all ".join(selects)
            + ") qualify row_number() over (partition by id order by received_at, uuid_ts) = 1"
        )
        seconds = time.perf_counter() - start
        unique = con.execute("select count(*) from bench_floor.events").fetchone()[0]
        con.execute("drop schema bench_floor cascade")
    return seconds, raw_rows, unique
