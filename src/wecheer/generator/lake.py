"""Segment's data-lake layout for `--format parquet`: one folder per event table and received
day and hour, `segment_type=<table>/day=YYYY-MM-DD/hr=HH/*.parquet` (no `tracks` or `users`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from wecheer.generator.sink import quote


def export_lake(con, schema: str, out: Path) -> Path:
    """Write the raw tables of `schema` to a new folder beside `out`; returns that folder (the
    caller renames it to `out` once everything else is committed)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    tables = con.execute(
        "select list(table_name) from information_schema.tables where table_schema = ?", [schema]
    ).fetchone()[0]
    for table in sorted(tables):
        if table in ("tracks", "users"):
            continue
        folder = tmp / f"segment_type={table}"
        con.execute(
            f"""copy (select *, strftime(received_at, '%Y-%m-%d') as day,
                             strftime(received_at, '%H') as hr
                      from {quote(schema)}.{quote(table)})
                to '{folder}' (format parquet, partition_by (day, hr))"""
        )
    return tmp
