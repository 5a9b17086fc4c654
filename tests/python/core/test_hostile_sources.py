"""Hostile sources: every fault a Segment warehouse can hold, in two loads, built incrementally.

One hand-made source holds them all at once (tests/python/support/hostile_source.py: ids of
every type, zoned and text timestamps, clocks in 2099 and 1969, NULLs, a 1 MB string, names
built to run SQL; a second load with a backfill, a redelivery, a new column and a new table).
For the whole project: `dbt build` has no model error, every raw row is an event, a duplicate or
quarantined, the incremental build equals a full refresh (every public mart, every column), and
no statement from the data ran. Then the same source under another process time zone, and a
build killed with SIGKILL and run again.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from support.core import DB_NAME, fetch
from support.hostile_source import EVIL, ODD, VARS, first_load, raw_rows, second_load
from support.marts import mart_differences

from wecheer.dbt import run_dbt


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
