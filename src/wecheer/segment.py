"""Segment's standard warehouse columns: the one definition the generator and the tests use.

`tracks` and every event table start with these columns, in this order, with these DuckDB types
(docs/source-contract.md); `identifies` has the same columns without `event` and `event_text`.
The dbt side reads raw tables through the macro `wecheer_event_table_columns`, which casts ids to
strings and adds the `_user_id` property (Segment's prefix for a `UserId` property).
"""

from __future__ import annotations

STANDARD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("user_id", "VARCHAR"),
    ("anonymous_id", "VARCHAR"),
    ("event", "VARCHAR"),
    ("event_text", "VARCHAR"),
    ("original_timestamp", "TIMESTAMP"),
    ("sent_at", "TIMESTAMP"),
    ("received_at", "TIMESTAMP"),
    ("timestamp", "TIMESTAMP"),
    ("uuid_ts", "TIMESTAMP"),
    ("context_library_name", "VARCHAR"),
    ("context_library_version", "VARCHAR"),
)
STANDARD_COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in STANDARD_COLUMNS)
# identify calls carry no event name
IDENTIFY_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (name, kind) for name, kind in STANDARD_COLUMNS if name not in ("event", "event_text")
)
