"""A hand-made Segment source that holds every fault a warehouse can hold, in two loads.

Each fault is in its own table or rows, so one build covers them all: ids stored as BIGINT,
DOUBLE, DECIMAL and text ('5032.0'); timestamps as TIMESTAMPTZ and as text (with an offset, and
unparsable); a sender clock in 2099 and an event in 1969; a loader clock in 2099; NULLs
everywhere; a 1 MB string; table and column names with quotes, semicolons, a newline and
unicode, one built to close the quote and run SQL. The second load adds a backfill older than
any lookback, a redelivered duplicate, a new column and a new table of old rows.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from wecheer.segment import STANDARD_COLUMNS

T0 = datetime(2026, 3, 1)
SCHEMA = "wecheer_prod"
# the QA clock of every build of this source
VARS = json.dumps({"wecheer_qa_as_of": "2026-03-20 00:00:00"})
# names that are data: one closes the identifier quote and tries to run SQL
EVIL = 'receipt_scanned"; create table main.pwned as select 1; --'
ODD = "o'brien; ünïcödé\nline"
BIG = "x" * 1_000_000


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row(
    message_id,
    table,
    text,
    received,
    user="1",
    campaign=70,
    advertiser=7,
    loaded=None,
    happened=None,
):
    happened = happened if happened is not None else (received - timedelta(seconds=2))
    loaded = loaded if loaded is not None else received + timedelta(minutes=7)
    return {
        "id": message_id,
        "user_id": user,
        "anonymous_id": None,
        "event": table,
        "event_text": text,
        "original_timestamp": happened,
        "sent_at": received - timedelta(seconds=1),
        "received_at": received,
        "timestamp": happened,
        "uuid_ts": loaded,
        "advertiser_id": advertiser,
        "campaign_id": campaign,
    }


def create(con, table: str, types: dict[str, str] | None = None, extra=()) -> None:
    types = types or {}
    columns = [(name, types.get(name, kind)) for name, kind in STANDARD_COLUMNS]
    columns += [
        ("advertiser_id", types.get("advertiser_id", "BIGINT")),
        ("campaign_id", types.get("campaign_id", "BIGINT")),
        *extra,
    ]
    body = ", ".join(f"{q(name)} {kind}" for name, kind in columns)
    con.execute(f"create table {q(SCHEMA)}.{q(table)} ({body})")


def insert(con, table: str, rows: list[dict]) -> None:
    for values in rows:
        names = ", ".join(q(name) for name in values)
        marks = ", ".join("?" for _ in values)
        con.execute(
            f"insert into {q(SCHEMA)}.{q(table)} ({names}) values ({marks})", list(values.values())
        )


def first_load(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute(f"create schema {q(SCHEMA)}")
    con.execute("create table main.canary as select 1 as alive")
    create(con, "receipt_scanned")
    rows = []
    for n in range(40):
        received = T0 + timedelta(days=n % 10, hours=9 + n % 5)
        rows.append(row(f"r{n:02d}", "receipt_scanned", "Receipt Scanned", received, str(n % 4)))
    rows += [
        # a sender clock in 2099: kept, flagged, never a watermark or an as-of date
        row("future", "receipt_scanned", "Receipt Scanned", datetime(2099, 1, 1), loaded=T0),
        # an event in 1969
        row("ancient", "receipt_scanned", "Receipt Scanned", T0, happened=datetime(1969, 7, 20)),
        # a loader clock in 2099: re-read by every build
        row("loader2099", "receipt_scanned", "Receipt Scanned", T0, loaded=datetime(2099, 1, 1)),
        # NULLs: no received_at; no ids at all; no id
        {**row("noarrival", "receipt_scanned", "Receipt Scanned", T0), "received_at": None},
        row("noids", "receipt_scanned", "Receipt Scanned", T0, None, None, None),
        {**row(None, "receipt_scanned", "Receipt Scanned", T0), "event_text": None},
        # a 1 MB string
        {**row("big", "receipt_scanned", BIG, T0 + timedelta(hours=1)), "anonymous_id": BIG},
        # campaign 5032 of advertiser 100 as integers here, as DOUBLE/DECIMAL/text elsewhere
        row("c5032int", "receipt_scanned", "Receipt Scanned", T0, "1", 5032, 100),
    ]
    insert(con, "receipt_scanned", rows)
    create(con, "scan_receipt", {"campaign_id": "DOUBLE", "advertiser_id": "DECIMAL(10,2)"})
    insert(
        con,
        "scan_receipt",
        [
            row(f"s{n}", "scan_receipt", "Scan Receipt", T0 + timedelta(hours=n), "2", 5032.0, 100)
            for n in range(5)
        ],  # fmt: skip
    )
    create(
        con,
        "points_received",
        {
            "campaign_id": "VARCHAR",
            "advertiser_id": "VARCHAR",
            "received_at": "VARCHAR",
            "timestamp": "VARCHAR",
        },  # fmt: skip
    )
    texts = [
        ("p1", "2026-03-02 10:00:00", " 5032.0 "),
        ("p2", "2026-03-02T12:00:00+02:00", "5032"),
        ("p3", "not a date", "5032"),
    ]
    insert(
        con,
        "points_received",
        [
            {
                **row(mid, "points_received", "Points Received", T0, "3"),
                "received_at": text,
                "timestamp": text,
                "campaign_id": campaign,
                "advertiser_id": "100.00",
            }
            for mid, text, campaign in texts
        ],  # fmt: skip
    )
    create(
        con,
        "stamps_given",
        {"received_at": "TIMESTAMPTZ", "timestamp": "TIMESTAMPTZ", "uuid_ts": "TIMESTAMPTZ"},
    )
    for n in range(3):
        at = f"2026-03-0{n + 2} 23:30:00+00"
        con.execute(
            f"insert into {q(SCHEMA)}.stamps_given (id, user_id, event, event_text, received_at, "
            "timestamp, uuid_ts, advertiser_id, campaign_id) values (?, '2', 'stamps_given', "
            "'Stamps Given', cast(? as timestamptz), cast(? as timestamptz) - interval 1 minute, "
            "cast(? as timestamptz) + interval 7 minute, 7, 70)",
            [f"t{n}", at, at, at],
        )
    for name in (EVIL, ODD):
        create(con, name, extra=[('we"ird; col', "VARCHAR")])
        insert(con, name, [row(f"{name[:3]}{n}", name, "Receipt Scanned", T0) for n in range(2)])
    con.execute(
        f"create table {q(SCHEMA)}.tracks as select id, user_id, event, event_text, received_at, "
        f"uuid_ts from {q(SCHEMA)}.receipt_scanned"
    )
    con.close()


def second_load(db: Path) -> None:
    con = duckdb.connect(str(db))
    loaded = T0 + timedelta(days=12)
    con.execute(f"alter table {q(SCHEMA)}.receipt_scanned add column points integer")
    rows = [
        {**row(f"n{n}", "receipt_scanned", "Receipt Scanned", T0 + timedelta(days=11), str(n)),
         "points": n}
        for n in range(5)
    ]  # fmt: skip
    # a backfill received a month earlier, loaded now; a redelivered copy of a loaded message
    rows += [
        row(f"b{n}", "receipt_scanned", "Receipt Scanned", T0 - timedelta(days=30), loaded=loaded)
        for n in range(3)
    ]
    rows.append(
        row("r05", "receipt_scanned", "Receipt Scanned", T0 - timedelta(days=1), loaded=loaded)
    )
    insert(con, "receipt_scanned", rows)
    create(con, "level_unlocked")
    insert(
        con,
        "level_unlocked",
        [
            row(f"l{n}", "level_unlocked", "Level Unlocked", T0 - timedelta(days=40), loaded=loaded)
            for n in range(3)
        ],  # fmt: skip
    )
    con.close()


def raw_rows(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = ? "
                "and table_name != 'tracks'",
                [SCHEMA],
            ).fetchall()
        ]
        return sum(
            con.execute(f"select count(*) from {q(SCHEMA)}.{q(t)}").fetchone()[0] for t in tables
        )
