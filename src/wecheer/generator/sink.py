"""DuckDB as the place the raw tables go: tables and columns created on first use."""

from __future__ import annotations

import pyarrow as pa

_SQL_TYPES = (
    (pa.types.is_dictionary, "VARCHAR"),  # names: dictionary-encoded strings
    (pa.types.is_string, "VARCHAR"),
    (pa.types.is_timestamp, "TIMESTAMP"),
    (pa.types.is_int64, "BIGINT"),
    (pa.types.is_int32, "INTEGER"),
    (pa.types.is_int16, "SMALLINT"),
    (pa.types.is_boolean, "BOOLEAN"),
    (pa.types.is_date32, "DATE"),
)


def _sql_type(arrow_type: pa.DataType) -> str:
    for test, name in _SQL_TYPES:
        if test(arrow_type):
            return name
    raise TypeError(arrow_type)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class DuckDBSink:
    """Appends Arrow tables to tables of one schema, creating tables and columns on first use
    (Segment only ever appends columns)."""

    def __init__(self, con, schema: str) -> None:
        self.con = con
        self.schema = schema
        self.columns: dict[str, list[str]] = {}
        for table, column in con.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = ? order by table_name, ordinal_position",
            [schema],
        ).fetchall():
            self.columns.setdefault(table, []).append(column)
        self.rows_written: dict[str, int] = {}

    def prepare(self, name: str, schema: pa.Schema) -> str:
        """Create the table, or add the columns it lacks; returns its qualified name."""
        target = f"{quote(self.schema)}.{quote(name)}"
        known = self.columns.get(name)
        if known is None:
            columns = ", ".join(f"{quote(f.name)} {_sql_type(f.type)}" for f in schema)
            self.con.execute(f"create table {target} ({columns})")
            self.columns[name] = list(schema.names)
        else:
            for f in schema:
                if f.name not in known:
                    self.con.execute(
                        f"alter table {target} add column {quote(f.name)} {_sql_type(f.type)}"
                    )
                    known.append(f.name)
        return target

    def write(self, name: str, table: pa.Table | pa.RecordBatchReader,
              keep: str | None = None) -> int:  # fmt: skip
        """Append an Arrow table or a stream of batches (one insert); returns rows written.
        `keep` names a boolean column that selects the rows and is not stored (DuckDB's
        threads filter faster than Arrow)."""
        if table is None or (isinstance(table, pa.Table) and table.num_rows == 0):
            return 0
        schema = table.schema
        select, where = "*", ""
        if keep is not None:
            schema = schema.remove(schema.get_field_index(keep))
            select, where = f"* exclude ({quote(keep)})", f" where {quote(keep)}"
        target = self.prepare(name, schema)
        # A replacement scan of the local variable, not `register`: a registered view dropped
        # inside the transaction would keep its Arrow data alive until commit.
        _wecheer_chunk = table  # noqa: F841
        rows = self.con.execute(
            f"insert into {target} by name select {select} from _wecheer_chunk{where}"
        ).fetchone()[0]
        self.rows_written[name] = self.rows_written.get(name, 0) + rows
        return rows


def write_users(con, schema: str) -> None:
    """Segment's `users` table from `identifies`: one row per user, the latest value of each
    trait."""
    s = quote(schema)
    tables = con.execute(
        "select list(table_name) from information_schema.tables where table_schema = ?", [schema]
    ).fetchone()[0]
    if "identifies" not in tables:
        return
    traits = ("email", "phone", "first_name", "last_name", "birthday", "city", "country")
    latest = ", ".join(f"arg_max({t}, received_at) as {t}" for t in traits)
    con.execute(f"drop table if exists {s}.users")
    con.execute(
        f"""create table {s}.users as
        select user_id as id, max(received_at) as received_at, max(uuid_ts) as uuid_ts, {latest}
        from {s}.identifies group by user_id order by id"""
    )
