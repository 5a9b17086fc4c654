"""Compare the public marts (`wecheer__*`) of two DuckDB warehouses, every column, both ways."""

from __future__ import annotations

from pathlib import Path

import duckdb

# a column that records when a build ran, not what it found
RUN_TIME_COLUMNS = frozenset({"checked_at", "built_at"})


def public_marts(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'main' and table_name like 'wecheer\\_\\_%' escape '\\' "
            "order by 1"
        ).fetchall()
    return [row[0] for row in rows]


def mart_differences(built: Path, reference: Path) -> dict[str, tuple[int, int]]:
    """{mart: (rows only in `built`, rows only in `reference`)} for every public mart whose rows
    differ (EXCEPT ALL both ways, every column but run times); a mart missing on one side is
    reported with -1."""
    differences: dict[str, tuple[int, int]] = {}
    names = sorted(set(public_marts(built)) | set(public_marts(reference)))
    with duckdb.connect(str(built), read_only=True) as con:
        con.execute(f"attach '{reference}' as reference (read_only)")
        present = (
            set(public_marts(built)),
            {
                row[0]
                for row in con.execute(
                    "select table_name from information_schema.tables "
                    "where table_catalog = 'reference' and table_schema = 'main'"
                ).fetchall()
            },
        )
        for name in names:
            if name not in present[0] or name not in present[1]:
                differences[name] = (-1, -1)
                continue
            columns = [
                row[0]
                for row in con.execute(
                    "select column_name from information_schema.columns where table_schema = "
                    "'main' and table_name = ? and table_catalog = current_database() "
                    "order by ordinal_position",
                    [name],
                ).fetchall()
                if row[0] not in RUN_TIME_COLUMNS
            ]
            select = ", ".join(f'"{column}"' for column in columns)
            ours, theirs = f'main."{name}"', f'reference.main."{name}"'
            only_built = con.execute(
                f"select count(*) from (select {select} from {ours} "
                f"except all select {select} from {theirs})"
            ).fetchone()[0]
            only_reference = con.execute(
                f"select count(*) from (select {select} from {theirs} "
                f"except all select {select} from {ours})"
            ).fetchone()[0]
            if only_built or only_reference:
                differences[name] = (only_built, only_reference)
    return differences
