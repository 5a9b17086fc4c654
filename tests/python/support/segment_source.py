"""Small hand-made Segment sources for tests: rows in, Segment warehouse tables out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from wecheer.generator.naming import snakecase
from wecheer.segment import STANDARD_COLUMNS as SEGMENT_COLUMNS

STANDARD_COLUMNS = dict(SEGMENT_COLUMNS)  # name -> DuckDB type, in Segment's order


@dataclass(frozen=True)
class Row:
    """One track call as the sender made it; timestamps follow Segment's relations."""

    event_text: str
    at: datetime
    user_id: str | None = "1"
    advertiser_id: int | str | None = 7
    campaign_id: int | str | None = 70
    id: str | None = field(default_factory=lambda: str(uuid.uuid4()))
    latency: timedelta = timedelta(seconds=3)
    sender_skew: timedelta = timedelta(0)
    server_ahead: timedelta = timedelta(0)
    table: str | None = None
    in_tracks: bool = True

    @property
    def table_name(self) -> str:
        return self.table or snakecase(self.event_text)

    def standard(self) -> dict:
        original = self.at + self.sender_skew + self.server_ahead
        sent = self.at + self.sender_skew + self.latency
        received = self.at + self.latency + timedelta(milliseconds=200)
        return {
            "id": self.id,
            "user_id": self.user_id,
            "anonymous_id": None,
            "event": self.table_name,
            "event_text": self.event_text,
            "original_timestamp": original,
            "sent_at": sent,
            "received_at": received,
            "timestamp": received - (sent - original),
            "uuid_ts": received + timedelta(minutes=5),
            "context_library_name": "wecheer-event-cloud",
            "context_library_version": "2.3.1",
        }

    def copy(self, **changes) -> Row:
        """The same message (same id) delivered again, optionally changed."""
        return replace(self, **changes)


def write_source(
    db: Path | str,
    rows: list[Row],
    schema: str = "wecheer_prod",
    id_types: dict[str, str] | None = None,
    reference: dict[str, list[tuple]] | None = None,
) -> None:
    """Write rows into `schema` as Segment would: tracks plus one table per event.

    id_types maps a table name to the type of its advertiser_id/campaign_id columns
    (BIGINT by default). reference: {"advertisers": [(id, name)], "campaigns": [(id, adv)]}.
    """
    id_types = id_types or {}
    con = duckdb.connect(str(db))
    con.execute(f'create schema if not exists "{schema}"')
    by_table: dict[str, list[Row]] = {}
    for row in rows:
        by_table.setdefault(row.table_name, []).append(row)
    columns_sql = ", ".join(f'"{name}" {kind}' for name, kind in STANDARD_COLUMNS.items())
    con.execute(f'create or replace table "{schema}".tracks ({columns_sql})')
    placeholders = ", ".join("?" for _ in STANDARD_COLUMNS)
    tracked = [list(r.standard().values()) for r in rows if r.in_tracks]
    if tracked:
        con.executemany(f'insert into "{schema}".tracks values ({placeholders})', tracked)
    for table, table_rows in by_table.items():
        kind = id_types.get(table, "BIGINT")
        con.execute(
            f'create or replace table "{schema}"."{table}" ({columns_sql}, '
            f"advertiser_id {kind}, campaign_id {kind})"
        )
        con.executemany(
            f'insert into "{schema}"."{table}" values ({placeholders}, ?, ?)',
            [[*r.standard().values(), r.advertiser_id, r.campaign_id] for r in table_rows],
        )
    if reference is not None:
        con.execute("create schema if not exists wecheer_reference")
        con.execute(
            "create or replace table wecheer_reference.advertisers "
            "(advertiser_id BIGINT, advertiser_name VARCHAR)"
        )
        con.execute(
            "create or replace table wecheer_reference.campaigns "
            "(campaign_id BIGINT, advertiser_id BIGINT)"
        )
        if reference.get("advertisers"):
            con.executemany(
                "insert into wecheer_reference.advertisers values (?, ?)", reference["advertisers"]
            )
        if reference.get("campaigns"):
            con.executemany(
                "insert into wecheer_reference.campaigns values (?, ?)", reference["campaigns"]
            )
    con.close()


def steady_programme(start: datetime, days: int = 42, users: int = 6) -> list[Row]:
    """A clean programme: every day each user scans a receipt that is accepted and rewarded."""
    rows: list[Row] = []
    for day in range(days):
        for user in range(users):
            at = start + timedelta(days=day, hours=9 + user, minutes=day % 7)
            user_id = str(100 + user)
            campaign = 70 + user % 2
            rows += [
                Row("Scan Receipt", at, user_id=user_id, campaign_id=campaign),
                Row(
                    "Receipt Scanned",
                    at + timedelta(seconds=20),
                    user_id=user_id,
                    campaign_id=campaign,
                ),
                Row(
                    "Points Received",
                    at + timedelta(seconds=40),
                    user_id=user_id,
                    campaign_id=campaign,
                ),
            ]
    return rows
