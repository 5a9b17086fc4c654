"""Arrow tables in Segment's warehouse layout: event tables, `tracks` and `identifies`.

Columns are built from numpy arrays without per-row Python: UUID and id strings from byte
matrices, names as dictionary arrays (DuckDB stores them as VARCHAR). The standard columns and
their types are wecheer.segment's.
"""

from __future__ import annotations

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
from wecheer.segment import IDENTIFY_COLUMNS, STANDARD_COLUMN_NAMES, STANDARD_COLUMNS

LIBRARY_NAME = "wecheer-event-cloud"
LIBRARY_VERSIONS = ("2.3.1", "2.4.0")
# The standard columns as Arrow types: names as dictionary arrays (few distinct values).
_DICTIONARY_COLUMNS = ("event", "event_text", "context_library_name", "context_library_version")
_ARROW_TYPES = {"VARCHAR": pa.string(), "TIMESTAMP": pa.timestamp("us")}
# `tracks` as streamed to DuckDB: every delivered row, and whether `tracks` has it (the
# `tracks_missing` fault); the sink keeps the rows that have and drops the column.
IN_TRACKS = "_in_tracks"
TRACKS_SCHEMA = pa.schema(
    [
        (name, pa.dictionary(pa.int32(), pa.string()) if name in _DICTIONARY_COLUMNS
         else _ARROW_TYPES[kind])
        for name, kind in STANDARD_COLUMNS
    ]
    + [(IN_TRACKS, pa.bool_())]
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
    """Microseconds since the epoch as an Arrow timestamp array (no copy of int64 input)."""
    values = np.ascontiguousarray(micros, dtype=np.int64)
    return pa.Array.from_buffers(pa.timestamp("us"), values.size, [None, pa.py_buffer(values)])


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
    tracks = pa.table(standard | {IN_TRACKS: pa.array(rows.in_tracks)})

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
            if f in STANDARD_COLUMN_NAMES or table.column(f).null_count < table.num_rows
        ]
        tables.append((name, table.select(keep)))
    return tables, tracks


def identify_table(identifies: dict[str, np.ndarray], traits: dict[str, np.ndarray]) -> pa.Table:
    """Identify calls: the standard columns (no event name), then traits as top-level columns."""
    n = identifies["key"].size
    standard = {
        "id": uuids(identifies["key"]),
        "user_id": decimal_ids(identifies["user"]),
        "anonymous_id": pa.nulls(n, pa.string()),
        "original_timestamp": timestamps(identifies["original_timestamp"]),
        "sent_at": timestamps(identifies["sent_at"]),
        "received_at": timestamps(identifies["received_at"]),
        "timestamp": timestamps(
            identifies["received_at"] - (identifies["sent_at"] - identifies["original_timestamp"])
        ),
        "uuid_ts": timestamps(identifies["uuid_ts"]),
        "context_library_name": pa.array(np.full(n, LIBRARY_NAME, dtype=object), pa.string()),
        "context_library_version": pa.array(identifies["version"], pa.string()),
    }
    return pa.table(
        {name: standard[name] for name, _ in IDENTIFY_COLUMNS}
        | {
            "email": pa.array(traits["email"], pa.string()),
            "phone": pa.array(traits["phone"], pa.string()),
            "first_name": pa.array(traits["first_name"], pa.string()),
            "last_name": pa.array(traits["last_name"], pa.string()),
            "birthday": pa.array(traits["birthday"], pa.date32()),
            "city": pa.array(traits["city"], pa.string()),
            "country": pa.array(traits["country"], pa.string()),
        }
    )
