"""Where a table's rows wait, chunk after chunk, until the whole table is inserted at once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from wecheer.segment import STANDARD_COLUMN_NAMES

# Rows per Arrow record batch handed to DuckDB: several batches per chunk let DuckDB's threads
# convert and compress them in parallel.
BATCH_ROWS = 1 << 16
# Where a column goes when pieces of one table bring different columns: the standard columns,
# then the ids, then the `_user_id` property, then the rest (the order `event_tables` builds).
_RANK = {name: i for i, name in enumerate((*STANDARD_COLUMN_NAMES, "advertiser_id", "campaign_id",
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
