"""Arrow tables in Segment's warehouse layout, and the sinks that store them.

Columns are built from numpy arrays without per-row Python: UUID and id strings from byte
matrices, names as dictionary arrays (DuckDB stores them as VARCHAR).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from wecheer.generator import rng
from wecheer.generator.config import GeneratorConfig
from wecheer.generator.events import (
    EXPECTS_ADV,
    EXPECTS_CAMP,
    N_CODES,
    PROPERTY_OF,
    TITLE_NAMES,
    WIRE_NAMES,
)
from wecheer.generator.faults import TABLE_NAMES, Rows, drift_tables, table_of

LIBRARY_NAME = "wecheer-event-cloud"
LIBRARY_VERSIONS = ("2.3.1", "2.4.0")
STANDARD_COLUMNS = (
    "id",
    "user_id",
    "anonymous_id",
    "event",
    "event_text",
    "original_timestamp",
    "sent_at",
    "received_at",
    "timestamp",
    "uuid_ts",
    "context_library_name",
    "context_library_version",
)
_NAME = pa.dictionary(pa.int32(), pa.string())
_TS = pa.timestamp("us")
TRACKS_SCHEMA = pa.schema(
    [("id", pa.string()), ("user_id", pa.string()), ("anonymous_id", pa.string()),
     ("event", _NAME), ("event_text", _NAME), ("original_timestamp", _TS), ("sent_at", _TS),
     ("received_at", _TS), ("timestamp", _TS), ("uuid_ts", _TS),
     ("context_library_name", _NAME), ("context_library_version", _NAME)]
)  # fmt: skip
_TEXTS = pa.array([n for pair in zip(TITLE_NAMES, WIRE_NAMES, strict=True) for n in pair])
_TABLES = pa.array(TABLE_NAMES)
_PROPERTY = np.full(N_CODES, "", dtype=object)
for _code, _name in PROPERTY_OF.items():
    _PROPERTY[_code] = _name


def fixed_strings(matrix: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """An Arrow string array from an (n, width) uint8 matrix of ASCII bytes."""
    n, width = matrix.shape
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int32)
    data = np.ascontiguousarray(matrix).tobytes()
    if valid is None or valid.all():
        return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.StringArray.from_buffers(
        n, pa.py_buffer(offsets), pa.py_buffer(data), bitmap, int((~valid).sum())
    )


_FOUR_DIGITS = np.array([list(f"{i:04d}".encode()) for i in range(10_000)], dtype=np.uint8)


def decimal_ids(values: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """8-digit decimal strings (all user ids have 8 digits)."""
    values = np.asarray(values, dtype=np.int64)
    digits = np.empty((values.size, 8), dtype=np.uint8)
    digits[:, :4] = _FOUR_DIGITS[values // 10_000 % 10_000]
    digits[:, 4:] = _FOUR_DIGITS[values % 10_000]
    return fixed_strings(digits, valid)


def uuids(keys: np.ndarray) -> pa.Array:
    return fixed_strings(rng.uuid_bytes(keys))


def timestamps(micros: np.ndarray) -> pa.Array:
    return pa.array(micros.astype(np.int64), type=pa.timestamp("us"))


def _dictionary(indices: np.ndarray, dictionary: pa.Array) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(indices.astype(np.int32)), dictionary)


def _nullable_int(values: np.ndarray, null: np.ndarray, as_text: bool) -> pa.Array:
    array = pa.array(values, type=pa.int64(), mask=null)
    return array.cast(pa.string()) if as_text else array


def event_tables(
    events: dict[str, np.ndarray], rows: Rows, cfg: GeneratorConfig
) -> tuple[list[tuple[str, pa.Table]], pa.Table]:
    """([(event table name, rows)], tracks) for the given delivered rows. A table name can occur
    twice (both spellings of an event may map to one table)."""
    if rows.ev.size == 0:
        return [], None
    code = events["code"][rows.ev]
    table_index = table_of(code, rows.wire)
    order = np.argsort(table_index, kind="stable")
    rows = rows.take(order)
    code, table_index = code[order], table_index[order]
    ev = rows.ev
    user = events["user"][ev]
    user_valid = ~rows.user_null & (user >= 0)
    version = (events["t"][ev] >= cfg.switch_epoch * 1_000_000).astype(np.int32)
    standard = {
        "id": uuids(events["key"][ev]),
        "user_id": decimal_ids(np.maximum(user, 0), user_valid),
        "anonymous_id": pa.nulls(ev.size, pa.string()),
        "event": _dictionary(table_index, _TABLES),
        "event_text": _dictionary(table_index, _TEXTS),
        "original_timestamp": timestamps(rows.original_timestamp),
        "sent_at": timestamps(rows.sent_at),
        "received_at": timestamps(rows.received_at),
        "timestamp": timestamps(rows.timestamp),
        "uuid_ts": timestamps(rows.uuid_ts),
        "context_library_name": _dictionary(np.zeros(ev.size), pa.array([LIBRARY_NAME])),
        "context_library_version": _dictionary(version, pa.array(LIBRARY_VERSIONS)),
    }
    tracks = pa.table(standard).filter(pa.array(rows.in_tracks))

    adv = events["adv"][ev]
    camp = events["camp"][ev]
    drift = set(drift_tables(cfg))
    tables: list[tuple[str, pa.Table]] = []
    bounds = np.flatnonzero(np.diff(table_index)) + 1
    for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, ev.size], strict=True):
        name = TABLE_NAMES[table_index[lo]]
        c = int(code[lo])
        columns = {k: v.slice(lo, hi - lo) for k, v in standard.items()}
        sl = slice(lo, hi)
        as_text = name in drift
        if EXPECTS_ADV[c]:
            columns["advertiser_id"] = _nullable_int(adv[sl], rows.adv_null[sl] | (adv[sl] < 0),
                                                     as_text)  # fmt: skip
        if EXPECTS_CAMP[c]:
            columns["campaign_id"] = _nullable_int(
                camp[sl], rows.camp_null[sl] | (camp[sl] < 0), as_text
            )
        if rows.wire[lo]:  # CamelCase `UserId` collides with `user_id`: stored as `_user_id`
            columns["_user_id"] = columns["user_id"]
        if _PROPERTY[c]:
            prop = events["prop"][ev[sl]]
            columns[_PROPERTY[c]] = pa.array(prop.astype(np.int32), mask=prop < 0)
        table = pa.table(columns)
        keep = [
            f
            for f in table.column_names
            if f in STANDARD_COLUMNS or table.column(f).null_count < table.num_rows
        ]
        tables.append((name, table.select(keep)))
    return tables, tracks


def identify_table(identifies: dict[str, np.ndarray], traits: dict[str, np.ndarray]) -> pa.Table:
    """Identify calls: standard columns, then traits as top-level columns."""
    return pa.table(
        {
            "id": uuids(identifies["key"]),
            "user_id": decimal_ids(identifies["user"]),
            "anonymous_id": pa.nulls(identifies["key"].size, pa.string()),
            "original_timestamp": timestamps(identifies["original_timestamp"]),
            "sent_at": timestamps(identifies["sent_at"]),
            "received_at": timestamps(identifies["received_at"]),
            "timestamp": timestamps(
                identifies["received_at"]
                - (identifies["sent_at"] - identifies["original_timestamp"])
            ),
            "uuid_ts": timestamps(identifies["uuid_ts"]),
            "context_library_name": pa.array(
                np.full(identifies["key"].size, LIBRARY_NAME, dtype=object), pa.string()
            ),
            "context_library_version": pa.array(identifies["version"], pa.string()),
            "email": pa.array(traits["email"], pa.string()),
            "phone": pa.array(traits["phone"], pa.string()),
            "first_name": pa.array(traits["first_name"], pa.string()),
            "last_name": pa.array(traits["last_name"], pa.string()),
            "birthday": pa.array(traits["birthday"], pa.date32()),
            "city": pa.array(traits["city"], pa.string()),
            "country": pa.array(traits["country"], pa.string()),
        }
    )


def _sql_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_dictionary(arrow_type) or pa.types.is_string(arrow_type):
        return "VARCHAR"
    if pa.types.is_timestamp(arrow_type):
        return "TIMESTAMP"
    if pa.types.is_int64(arrow_type):
        return "BIGINT"
    if pa.types.is_int32(arrow_type):
        return "INTEGER"
    if pa.types.is_int16(arrow_type):
        return "SMALLINT"
    if pa.types.is_boolean(arrow_type):
        return "BOOLEAN"
    if pa.types.is_date32(arrow_type):
        return "DATE"
    raise TypeError(arrow_type)


# Rows per Arrow record batch handed to DuckDB: several batches per chunk let DuckDB's threads
# convert and compress them in parallel.
BATCH_ROWS = 1 << 16
# Where a column goes when pieces of one table bring different columns: the standard columns,
# then the ids, then the `_user_id` property, then the rest (the order `event_tables` builds).
_RANK = {name: i for i, name in enumerate((*STANDARD_COLUMNS, "advertiser_id", "campaign_id",
                                           "_user_id"))}  # fmt: skip


@dataclass(frozen=True)
class Piece:
    """Rows of one table from one chunk: held in memory, or spooled to an Arrow IPC file."""

    table: str
    schema: pa.Schema
    rows: int
    path: Path | None = None
    held: pa.Table | None = None

    def batches(self) -> Iterator[pa.RecordBatch]:
        if self.held is not None:
            yield from self.held.to_batches(max_chunksize=BATCH_ROWS)
            return
        # Memory-mapped: the batches point into the file, which stays mapped while they live.
        yield from pa.ipc.open_stream(pa.memory_map(str(self.path)))
        self.path.unlink()


class Spool:
    """Where the pieces of each table wait, chunk after chunk, until the whole table is
    inserted at once (one insert per table is what DuckDB writes fastest). A chunk's pieces
    stay in memory while all held pieces fit in `hold_bytes`, otherwise they go to Arrow IPC
    files in `folder`, so memory stays bounded by the chunk size."""

    def __init__(self, folder: Path, hold_bytes: int = 0) -> None:
        self.folder = Path(folder)
        self.hold_bytes = hold_bytes
        self.held_bytes = 0

    def put(self, chunk: int, parts: list[tuple[str, pa.Table | None]]) -> list[Piece | None]:
        """Pieces of one chunk's (table name, rows); None where there are no rows. The rows of
        a chunk's tables share buffers, so they are held or written together."""
        size = sum(rows.nbytes for _, rows in parts if rows is not None)
        hold = self.held_bytes + size <= self.hold_bytes
        if hold:
            self.held_bytes += size
        pieces: list[Piece | None] = []
        for index, (table, rows) in enumerate(parts):
            if rows is None or rows.num_rows == 0:
                pieces.append(None)
            elif hold:
                pieces.append(Piece(table, rows.schema, rows.num_rows, held=rows))
            else:
                path = self.folder / f"{chunk:06d}-{index:03d}.arrow"
                _write_ipc(path, rows)
                pieces.append(Piece(table, rows.schema, rows.num_rows, path=path))
        return pieces


def _write_ipc(path: Path, rows: pa.Table) -> None:
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_stream(sink, rows.schema) as writer:
        writer.write_table(rows, max_chunksize=BATCH_ROWS)


def union_schema(schemas: Iterable[pa.Schema]) -> pa.Schema:
    """Every column of the given schemas once, in the order `event_tables` builds them."""
    fields: dict[str, pa.Field] = {}
    for schema in schemas:
        for f in schema:
            fields.setdefault(f.name, f)
    ordered = sorted(fields.values(), key=lambda f: _RANK.get(f.name, len(_RANK)))
    return pa.schema(ordered)


def read_pieces(pieces: list[Piece]) -> pa.RecordBatchReader:
    """One stream of all pieces of a table in order, missing columns as nulls."""
    schema = union_schema(p.schema for p in pieces)
    return pa.RecordBatchReader.from_batches(schema, piece_batches(pieces, schema))


def piece_batches(pieces: list[Piece], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """The batches of the pieces in order, conformed to `schema` (a file is deleted once
    read)."""
    for piece in pieces:
        for batch in piece.batches():
            yield conform(batch, schema)


def conform(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    if batch.schema.equals(schema):
        return batch
    columns = [
        batch.column(f.name) if f.name in batch.schema.names else pa.nulls(batch.num_rows, f.type)
        for f in schema
    ]
    return pa.RecordBatch.from_arrays(columns, schema=schema)


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

    def write(self, name: str, table: pa.Table | pa.RecordBatchReader) -> int:
        """Append an Arrow table or a stream of batches (one insert); returns rows written."""
        if table is None or (isinstance(table, pa.Table) and table.num_rows == 0):
            return 0
        target = self.prepare(name, table.schema)
        # A replacement scan of the local variable, not `register`: a registered view dropped
        # inside the transaction would keep its Arrow data alive until commit.
        _wecheer_chunk = table  # noqa: F841
        rows = self.con.execute(
            f"insert into {target} by name select * from _wecheer_chunk"
        ).fetchone()[0]
        self.rows_written[name] = self.rows_written.get(name, 0) + rows
        return rows
