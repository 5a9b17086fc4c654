"""Compare the public marts (`wecheer__*`) of two builds on different engines (DuckDB,
PostgreSQL, Spark).

Each value is normalised to a (kind, text) pair so that engine-specific Python types compare
equal when they mean the same: timestamps to microseconds, dates to ISO days, every number
(integers, decimals, doubles) to 9 significant digits, booleans, strings. The kind is kept, so a
column that is a number on one engine and a string on the other is a difference.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections import Counter
from dataclasses import dataclass, field

# Columns whose value is the build time, not a result; and the 64-bit hashes each engine computes
# with its own function (wecheer_hash64), which only serve lookups inside one warehouse.
IGNORED_COLUMNS = {"checked_at", "built_at", "event_id_hash", "stream_hash"}
SIGNIFICANT_DIGITS = 9


def normalise(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return ("t", value.isoformat(sep=" ", timespec="microseconds"))
    if isinstance(value, dt.date):
        return ("d", value.isoformat())
    if isinstance(value, dt.timedelta):
        return ("i", round(value.total_seconds() * 1_000_000))
    if isinstance(value, int | float | decimal.Decimal):
        number = float(value)
        if math.isnan(number):
            return ("n", "nan")
        if number == 0:
            return ("n", "0")
        return ("n", f"{number:.{SIGNIFICANT_DIGITS}g}")
    if isinstance(value, str):
        return ("s", value)
    return ("o", str(value))


def _sort_key(row):
    return tuple((v is None, "" if v is None else f"{v[0]}:{v[1]}") for v in row)


@dataclass
class MartDiff:
    name: str
    columns_left: list[str]
    columns_right: list[str]
    rows_left: int
    rows_right: int
    only_left: list[tuple] = field(default_factory=list)
    only_right: list[tuple] = field(default_factory=list)

    @property
    def equal(self) -> bool:
        return (
            self.columns_left == self.columns_right
            and self.rows_left == self.rows_right
            and not self.only_left
            and not self.only_right
        )

    def describe(self, limit: int = 3) -> str:
        lines = [f"{self.name}: {self.rows_left} vs {self.rows_right} rows"]
        if self.columns_left != self.columns_right:
            lines.append(f"  columns differ: {self.columns_left} vs {self.columns_right}")
        for label, rows in (("only left", self.only_left), ("only right", self.only_right)):
            if rows:
                lines.append(f"  {len(rows)} rows {label}, e.g.:")
                for row in rows[:limit]:
                    shown = dict(zip(self.columns_left, row, strict=False))
                    lines.append(f"    {shown}")
        return "\n".join(lines)


def normalised_rows(columns: list[str], rows) -> tuple[list[str], list[tuple]]:
    keep = [i for i, c in enumerate(columns) if c.lower() not in IGNORED_COLUMNS]
    names = [columns[i].lower() for i in keep]
    out = [tuple(normalise(row[i]) for i in keep) for row in rows]
    out.sort(key=_sort_key)
    return names, out


def compare_mart(name: str, left, right) -> MartDiff:
    """left and right: (column names, rows) of the same mart from two engines."""
    cols_l, rows_l = normalised_rows(*left)
    cols_r, rows_r = normalised_rows(*right)
    diff = MartDiff(name, cols_l, cols_r, len(rows_l), len(rows_r))
    if cols_l == cols_r:
        count_l, count_r = Counter(rows_l), Counter(rows_r)
        diff.only_left = sorted((count_l - count_r).elements(), key=_sort_key)
        diff.only_right = sorted((count_r - count_l).elements(), key=_sort_key)
    return diff


def duckdb_marts(path, schema: str = "main", prefix: str = "wecheer__") -> dict:
    """{mart: (columns, rows)} of every table or view named prefix* in a DuckDB schema."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ? and starts_with(table_name, ?) order by 1",
                [schema, prefix],
            ).fetchall()
        ]
        out = {}
        for name in names:
            result = con.execute(f'select * from "{schema}"."{name}"')
            out[name] = ([d[0] for d in result.description], result.fetchall())
        return out
    finally:
        con.close()


def postgres_marts(pg, schema: str, prefix: str = "wecheer__") -> dict:
    """{mart: (columns, rows)} of every table or view named prefix* in a PostgreSQL schema."""
    conn = pg.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(
                "select table_name from information_schema.tables "
                "where table_schema = %s and left(table_name, %s) = %s order by 1",
                [schema, len(prefix), prefix],
            )
            names = [r[0] for r in cur.fetchall()]
            out = {}
            for name in names:
                cur.execute(f'select * from "{schema}"."{name}"')
                out[name] = ([d[0] for d in cur.description], cur.fetchall())
        return out
    finally:
        conn.close()


def spark_marts(schema: str, prefix: str = "wecheer__") -> dict:
    """{mart: (columns, rows)} of every table or view named prefix* in a Spark schema, read in
    the Spark session that dbt's `spark` target started in this process. Timestamps are read as
    timestamp_ntz (the session's UTC wall time), so that Python's local time zone never shifts
    them."""
    from pyspark import SparkContext
    from pyspark.sql import SparkSession
    from pyspark.sql.types import TimestampType

    if SparkContext._active_spark_context is None:
        raise RuntimeError("no Spark session in this process: run dbt on the spark target first")
    spark = SparkSession.builder.getOrCreate()
    names = sorted(
        row.tableName
        for row in spark.sql(f"show tables in `{schema}`").collect()
        if row.tableName.startswith(prefix) and not row.isTemporary
    )
    out = {}
    for name in names:
        frame = spark.table(f"`{schema}`.`{name}`")
        selected = [
            frame[f.name].cast("timestamp_ntz").alias(f.name)
            if isinstance(f.dataType, TimestampType)
            else frame[f.name]
            for f in frame.schema.fields
        ]
        rows = frame.select(*selected).collect()
        out[name] = (frame.columns, [tuple(row) for row in rows])
    return out


def compare_marts(left: dict, right: dict) -> list[MartDiff]:
    """Every mart of either side; a mart missing on one side is a difference."""
    diffs = []
    for name in sorted(set(left) | set(right)):
        empty = ([], [])
        diffs.append(compare_mart(name, left.get(name, empty), right.get(name, empty)))
    return diffs
