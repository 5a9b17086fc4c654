"""Hostile sources: every fault a Segment warehouse can hold, in two loads, built incrementally.

One hand-made source holds them all at once (each in its own table or rows, so one build covers
them): ids stored as BIGINT, DOUBLE, DECIMAL and text ('5032.0'); timestamps as TIMESTAMPTZ and
as text (with an offset, and unparsable); a sender clock in 2099 and an event in 1969; a loader
clock in 2099; NULLs everywhere; a 1 MB string; table and column names with quotes, semicolons,
a newline and unicode, one built to close the quote and run SQL. A second load adds a backfill
older than any lookback, a redelivered duplicate, a new column and a new table of old rows.
For the whole project: `dbt build` has no model error, every raw row is an event, a duplicate or
quarantined, the incremental build equals a full refresh (every public mart, every column), and
no statement from the data ran. Then the same source under another process time zone, and a
build killed with SIGKILL and run again.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from support.core import DB_NAME, fetch
from support.marts import mart_differences

from wecheer.dbt import run_dbt
from wecheer.segment import STANDARD_COLUMNS

T0 = datetime(2026, 3, 1)
SCHEMA = "wecheer_prod"
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


def build(db: Path, manifest, *extra: str):
    """The whole project; returns the failed models (none when the source faults were
    quarantined and reported as they should be)."""
    result = run_dbt(["build", "--vars", VARS, *extra], db=db, manifest=manifest)
    assert result.result is not None, result.exception
    return [
        (r.node.name, str(r.status), r.message)
        for r in result.result
        if r.node.resource_type == "model" and str(r.status) != "success"
    ]


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    result = run_dbt(["parse", "--vars", VARS], db=tmp_path_factory.mktemp("parse") / DB_NAME)
    assert result.success
    return result.result


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, manifest) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / DB_NAME
    first_load(db)
    pristine = tmp_path_factory.mktemp("hostile_first_load") / DB_NAME
    shutil.copy(db, pristine)
    assert build(db, manifest) == []
    second_load(db)
    after_second_load = tmp_path_factory.mktemp("hostile_second_load") / DB_NAME
    shutil.copy(db, after_second_load)
    assert build(db, manifest) == []
    full = tmp_path_factory.mktemp("hostile_full") / DB_NAME
    shutil.copy(db, full)
    assert build(full, manifest, "--full-refresh") == []
    return {"incremental": db, "full": full, "first_load": pristine, "second": after_second_load}


def test_every_raw_row_is_an_event_a_duplicate_or_quarantined(hostile):
    db = hostile["incremental"]
    counted = fetch(
        db,
        "select (select count(*) from wecheer__events) + (select count(*) from "
        "wecheer__event_duplicates) + (select count(*) from wecheer__quarantined_events)",
    )[0][0]
    assert counted == raw_rows(db)
    # the backfill, the new table's old rows and the rows loaded after the 2099 ones are in
    ids = {r[0] for r in fetch(db, "select event_id from wecheer__events")}
    assert {"b0", "b1", "b2", "l0", "l1", "l2", "n0", "n4", "loader2099", "future"} <= ids


def test_incremental_build_equals_a_full_refresh_for_every_public_mart(hostile):
    assert mart_differences(hostile["incremental"], hostile["full"]) == {}


def test_names_from_the_warehouse_are_read_never_executed(hostile):
    db = hostile["incremental"]
    tables = {r[0] for r in fetch(db, "select table_name from information_schema.tables")}
    assert "pwned" not in tables and "canary" in tables
    found = {r[0] for r in fetch(db, "select distinct source_table from wecheer__events")}
    assert {EVIL, ODD} <= found


def test_ids_of_any_type_are_one_entity(hostile):
    db = hostile["incremental"]
    campaigns = [r[0] for r in fetch(db, "select campaign_id from wecheer__campaigns")]
    advertisers = [r[0] for r in fetch(db, "select advertiser_id from wecheer__advertisers")]
    assert campaigns.count("5032") == 1 and not any("." in c for c in campaigns)
    assert advertisers.count("100") == 1 and not any("." in a for a in advertisers)


def test_text_and_zoned_timestamps_are_utc_and_unparsable_ones_quarantined(hostile):
    db = hostile["incremental"]
    received = dict(fetch(db, "select event_id, received_at from wecheer__events"))
    assert received["p1"] == datetime(2026, 3, 2, 10)
    assert received["p2"] == datetime(2026, 3, 2, 10)  # 12:00+02:00
    assert received["t0"] == datetime(2026, 3, 2, 23, 30)
    reasons = dict(
        fetch(db, "select message_id, quarantine_reason from wecheer__quarantined_events")
    )
    assert reasons["p3"] == "unparsable_received_at"
    assert reasons["noarrival"] == "missing_received_at"


def test_implausible_times_are_flagged_and_move_no_watermark_or_last_time(hostile):
    db = hostile["incremental"]
    findings = set(fetch(db, "select check_name, message_id from wecheer__qa_findings"))
    assert ("future_timestamps", "future") in findings
    assert ("past_timestamps", "ancient") in findings
    last, first = fetch(
        db, "select max(last_event_at), min(first_event_at) from wecheer__campaigns"
    )[0]
    assert last < datetime(2026, 4, 1) and first > datetime(2000, 1, 1)
    as_of = fetch(db, "select max(last_received_at) from wecheer__users")[0][0]
    assert as_of < datetime(2026, 4, 1)


def test_a_build_under_another_time_zone_gives_the_same_marts(hostile, tmp_path):
    """The same first load, built by `wecheer build` in a process whose local time zone is
    America/Los_Angeles, equals the build in UTC (TIMESTAMPTZ never converts through the
    session's zone)."""
    utc = tmp_path / "utc" / DB_NAME
    pacific = tmp_path / "pacific" / DB_NAME
    for db in (utc, pacific):
        db.parent.mkdir()
        shutil.copy(hostile["first_load"], db)
    for db, zone in ((utc, "UTC"), (pacific, "America/Los_Angeles")):
        done = subprocess.run(
            [sys.executable, "-m", "wecheer.cli", "build", "--db", str(db), "--vars", VARS, "-q"],
            env={**os.environ, "TZ": zone},
            capture_output=True,
            text=True,
            timeout=600,
        )
        # 2: the build is done and some source checks failed (this source is built to fail them)
        assert done.returncode in (0, 2), done.stderr[-2000:]
    assert mart_differences(pacific, utc) == {}


def test_a_build_killed_midway_is_finished_by_the_next_one(hostile, tmp_path, manifest):
    """SIGKILL while `wecheer build` runs the incremental build of the second load; the next
    build succeeds and equals a full refresh."""
    db = tmp_path / DB_NAME
    shutil.copy(hostile["second"], db)
    process = subprocess.Popen(
        [sys.executable, "-m", "wecheer.cli", "build", "--db", str(db), "--vars", VARS],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # kill it once it has started building models
    deadline = time.monotonic() + 300
    for line in process.stdout:
        if "START sql" in line or time.monotonic() > deadline:
            time.sleep(1.5)
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert build(db, manifest) == []
    full = tmp_path / "full" / DB_NAME
    full.parent.mkdir()
    shutil.copy(db, full)
    assert build(full, manifest, "--full-refresh") == []
    assert mart_differences(db, full) == {}
