"""The messy hand-made source of the dbt core tests (and the cross-engine test): every raw-table
quirk of a real Segment schema in a few dozen rows, and the helpers that write it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from wecheer.segment import STANDARD_COLUMNS as SEGMENT_COLUMNS

SCHEMA = "wecheer_prod"
REFERENCE = "wecheer_reference"

STANDARD_COLUMNS = list(SEGMENT_COLUMNS)
IDS_BIGINT = [("advertiser_id", "BIGINT"), ("campaign_id", "BIGINT")]
IDS_VARCHAR = [("advertiser_id", "VARCHAR"), ("campaign_id", "VARCHAR")]

T0 = datetime(2026, 3, 1, 12, 0, 0)


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def add_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: list[tuple[str, str]],
    rows: list[dict],
    schema: str = SCHEMA,
) -> None:
    """Create the table (or append columns it lacks, as Segment does) and insert the rows."""
    con.execute(f"create schema if not exists {q(schema)}")
    existing = {
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchall()
    }
    target = f"{q(schema)}.{q(table)}"
    if not existing:
        ddl = ", ".join(f"{q(name)} {kind}" for name, kind in columns)
        con.execute(f"create table {target} ({ddl})")
    else:
        for name, kind in columns:
            if name not in existing:
                con.execute(f"alter table {target} add column {q(name)} {kind}")
    for row in rows:
        names = list(row)
        placeholders = ", ".join("?" for _ in names)
        con.execute(
            f"insert into {target} ({', '.join(q(n) for n in names)}) values ({placeholders})",
            [row[n] for n in names],
        )


def track(
    message_id: str | None,
    table: str,
    text: str,
    received: datetime,
    user: str | None = "1",
    advertiser=10,
    campaign=100,
    load_delay: timedelta = timedelta(minutes=30),
    happened_before: timedelta = timedelta(seconds=1),
    **properties,
) -> dict:
    """One raw event-table row with consistent Segment clocks (timestamp = received - 1 s)."""
    row = {
        "id": message_id,
        "user_id": user,
        "event": table,
        "event_text": text,
        "original_timestamp": received - happened_before - timedelta(seconds=1),
        "sent_at": received - timedelta(seconds=1),
        "received_at": received,
        "timestamp": received - happened_before,
        "uuid_ts": received + load_delay,
        "context_library_name": "wecheer-event-cloud",
        "context_library_version": "2.3.1",
        "advertiser_id": advertiser,
        "campaign_id": campaign,
    }
    row.update(properties)
    return row


# --------------------------------------------------------------------------- messy source


def make_messy_source(db: Path) -> None:
    """Both spellings, both Handshake tables, drifted and missing columns, duplicates (in one
    table, across tables, late), rows without an id or a usable time, an unplanned event with
    odd column names, identifies/users traits and reference data."""
    con = duckdb.connect(str(db))
    receipt_cols = STANDARD_COLUMNS + IDS_BIGINT + [("points", "INTEGER")]
    add_rows(
        con,
        "receipt_scanned",
        receipt_cols,
        [
            track("m01", "receipt_scanned", "Receipt Scanned", T0, points=5),
            track("m02", "receipt_scanned", "Receipt Scanned", T0 + timedelta(hours=1), user="2"),
            # late duplicate of m01, two days later: m01's first arrival is kept
            track("m01", "receipt_scanned", "Receipt Scanned", T0 + timedelta(days=2), points=5),
            # the wire spelling lands in the same table
            track("m07", "receipt_scanned", "ReceiptScanned", T0 + timedelta(hours=2), user="2"),
            # no message id: quarantined
            track(None, "receipt_scanned", "Receipt Scanned", T0 + timedelta(hours=3)),
            # no timestamp and no original_timestamp: no usable event time, quarantined
            {
                **track("m05", "receipt_scanned", "Receipt Scanned", T0 + timedelta(hours=4)),
                "timestamp": None,
                "original_timestamp": None,
            },
            # no timestamp: computed as received_at - (sent_at - original_timestamp)
            {
                **track("m06", "receipt_scanned", "Receipt Scanned", T0 + timedelta(hours=5)),
                "timestamp": None,
                "original_timestamp": T0 + timedelta(hours=5, minutes=-10),
                "sent_at": T0 + timedelta(hours=5, minutes=-5),
            },
        ],
    )
    add_rows(
        con,
        "handshake_qr_invalid",
        STANDARD_COLUMNS + IDS_BIGINT,
        [track("m10", "handshake_qr_invalid", "Handshake QR Invalid", T0, user="3")],
    )
    # wire naming: `_user_id` property, campaign_id typed VARCHAR, no advertiser_id column,
    # and no `timestamp` column at all
    wire_cols = [c for c in STANDARD_COLUMNS if c[0] != "timestamp"] + [
        ("campaign_id", "VARCHAR"),
        ("_user_id", "VARCHAR"),
    ]
    wire_rows = []
    for message_id, received in (("m11", T0), ("m10", T0 + timedelta(hours=6))):
        row = track(message_id, "handshake_qrin_valid", "HandshakeQRInValid", received, user=None)
        del row["timestamp"], row["advertiser_id"]
        row.update(campaign_id="101", _user_id="4")
        wire_rows.append(row)
    add_rows(con, "handshake_qrin_valid", wire_cols, wire_rows)
    # an event the catalogue does not know, with column names that need quoting
    add_rows(
        con,
        "loyalty_party_started",
        STANDARD_COLUMNS + IDS_BIGINT + [("Weird Col", "VARCHAR"), ("order", "INTEGER")],
        [
            {
                **track("m20", "loyalty_party_started", "Loyalty Party Started", T0, user="1"),
                "Weird Col": "x",
                "order": 1,
            }
        ],
    )
    # Segment's own tables are not event tables
    add_rows(con, "tracks", STANDARD_COLUMNS, [{"id": "m01", "received_at": T0, "event": "x"}])
    add_rows(
        con,
        "identifies",
        STANDARD_COLUMNS + [("email", "VARCHAR"), ("phone", "VARCHAR"), ("city", "VARCHAR")],
        [
            {"id": "i1", "user_id": "1", "timestamp": T0, "received_at": T0, "email": "old@x.io"},
            {
                "id": "i2",
                "user_id": "1",
                "timestamp": T0 + timedelta(days=1),
                "received_at": T0 + timedelta(days=1),
                "email": " New@X.io ",
                "city": "Lyon",
            },
            {"id": "i3", "user_id": "9", "timestamp": T0, "received_at": T0, "email": "u9@x.io"},
        ],
    )
    add_rows(
        con,
        "users",
        [("id", "VARCHAR"), ("received_at", "TIMESTAMP"), ("phone", "VARCHAR")],
        [{"id": "1", "received_at": T0, "phone": "+33 1"}],
    )
    add_rows(
        con,
        "advertisers",
        [("advertiser_id", "BIGINT"), ("advertiser_name", "VARCHAR"), ("industry", "VARCHAR")],
        [{"advertiser_id": 10, "advertiser_name": "Brand Ten", "industry": "food"}],
        schema=REFERENCE,
    )
    add_rows(
        con,
        "campaigns",
        [
            ("campaign_id", "BIGINT"),
            ("advertiser_id", "BIGINT"),
            ("campaign_name", "VARCHAR"),
            ("starts_on", "DATE"),
        ],
        [
            {"campaign_id": 100, "advertiser_id": 10, "campaign_name": "Hundred"},
            # a referenced campaign of an advertiser missing from the advertisers table
            {"campaign_id": 999, "advertiser_id": 11, "campaign_name": "Quiet"},
        ],
        schema=REFERENCE,
    )
    con.close()
