"""dbt core: discovery, column-aware union, aliases, dedup, quarantine, accounting,
incremental equals full refresh, optional reference data, empty and missing sources.

Every source here is hand-made in a temporary DuckDB file, so each test states the raw rows it
relies on. dbt runs in-process (wecheer.dbt.run_dbt); the builds are shared through
session-scoped fixtures because each invocation costs one to three seconds.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from support.core import (
    BUILD_CORE,
    CORE_MARTS,
    DB_NAME,
    RUN_CORE,
    core_results,
    fetch,
    full_refresh_equals,
    parse_manifest,
)
from support.messy_source import (
    IDS_BIGINT,
    IDS_VARCHAR,
    STANDARD_COLUMNS,
    T0,
    add_rows,
    make_messy_source,
    track,
)

from wecheer import warehouse
from wecheer.build_cli import KEEP_OPEN_ENV, dbt_target, keep_open
from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt


@pytest.fixture(scope="session")
def manifest(tmp_path_factory):
    return parse_manifest(tmp_path_factory.mktemp("parse"))


@pytest.fixture(scope="session")
def messy_db(tmp_path_factory, manifest) -> Path:
    db = tmp_path_factory.mktemp("messy") / DB_NAME
    make_messy_source(db)
    statuses = core_results(run_dbt(BUILD_CORE, db=db, manifest=manifest))
    assert statuses["assert_wecheer_event_rows_accounted_for"] == "pass"
    # the one raw-source test expected to warn here: a row without a message id
    assert statuses["not_null_int_wecheer__event_rows_classified_message_id"] == "warn"
    return db


def test_every_event_table_is_discovered_and_segment_tables_are_not(messy_db):
    tables = {
        t for (t,) in fetch(messy_db, "select distinct source_table from int_wecheer__event_rows")
    }
    assert tables == {
        "receipt_scanned",
        "handshake_qr_invalid",
        "handshake_qrin_valid",
        "loyalty_party_started",
    }


def test_raw_rows_are_accounted_for(messy_db):
    raw = fetch(messy_db, "select count(*) from int_wecheer__event_rows")[0][0]
    events = fetch(messy_db, "select count(*) from wecheer__events")[0][0]
    duplicates = fetch(messy_db, "select count(*) from wecheer__event_duplicates")[0][0]
    quarantined = fetch(messy_db, "select count(*) from wecheer__quarantined_events")[0][0]
    assert (raw, events, duplicates, quarantined) == (11, 7, 2, 2)


def test_events_have_canonical_names_and_string_ids(messy_db):
    rows = fetch(
        messy_db,
        "select event_id, event_name, category, is_planned, user_id, advertiser_id, campaign_id, "
        "source_table from wecheer__events order by event_id",
    )
    assert rows == [
        ("m01", "Receipt Scanned", "receipt", True, "1", "10", "100", "receipt_scanned"),
        ("m02", "Receipt Scanned", "receipt", True, "2", "10", "100", "receipt_scanned"),
        ("m06", "Receipt Scanned", "receipt", True, "1", "10", "100", "receipt_scanned"),
        ("m07", "Receipt Scanned", "receipt", True, "2", "10", "100", "receipt_scanned"),
        ("m10", "Handshake QR Invalid", "staff", True, "3", "10", "100", "handshake_qr_invalid"),
        ("m11", "Handshake QR Invalid", "staff", True, "4", None, "101", "handshake_qrin_valid"),
        (
            "m20",
            "Loyalty Party Started",
            "unplanned",
            False,
            "1",
            "10",
            "100",
            "loyalty_party_started",
        ),
    ]


def test_first_arrival_is_kept_and_later_copies_are_duplicates(messy_db):
    kept = fetch(messy_db, "select received_at from wecheer__events where event_id = 'm01'")
    assert kept == [(T0,)]
    duplicates = fetch(
        messy_db,
        "select event_id, source_table, duplicate_rank from wecheer__event_duplicates order by 1",
    )
    assert duplicates == [("m01", "receipt_scanned", 2), ("m10", "handshake_qrin_valid", 2)]


def test_unusable_rows_are_quarantined_with_a_reason(messy_db):
    rows = fetch(
        messy_db,
        "select message_id, quarantine_reason from wecheer__quarantined_events order by 2",
    )
    assert rows == [(None, "missing_message_id"), ("m05", "missing_timestamp")]


def test_event_at_is_timestamp_or_the_skew_correction(messy_db):
    rows = dict(fetch(messy_db, "select event_id, event_at from wecheer__events"))
    assert rows["m01"] == T0 - timedelta(seconds=1)
    # received - (sent - original) = received - 5 min
    assert rows["m06"] == T0 + timedelta(hours=5, minutes=-5)
    # a table without a `timestamp` column at all
    assert rows["m11"] == T0 - timedelta(seconds=1)


def test_users_have_activity_and_no_pii_without_a_key(messy_db):
    rows = fetch(
        messy_db,
        "select user_id, events, campaigns_joined, email, phone, city, has_traits, country "
        "from wecheer__users order by user_id",
    )
    by_user = {row[0]: row for row in rows}
    assert set(by_user) == {"1", "2", "3", "4", "9"}
    # no PII key in this build: the traits are known (has_traits) but PII is left out, never
    # weakly hashed; country is not PII
    assert by_user["1"][1:] == (3, 1, None, None, None, True, by_user["1"][7])
    assert by_user["9"][1:3] == (0, 0)
    assert by_user["4"][6] is False


def test_pii_is_an_hmac_under_the_key(messy_db, tmp_path, manifest):
    """With WECHEER_PII_KEY set, email and phone are HMAC-SHA-256 of the normalised value:
    what Python's hmac gives for the same key, so a CRM holding the key can match them."""
    import hmac
    from hashlib import sha256

    db = tmp_path / DB_NAME
    shutil.copy(messy_db, db)
    key = "team-secret-\u00e9"
    import os

    os.environ["WECHEER_PII_KEY"] = key
    try:
        result = run_dbt(["build", "--select", "wecheer__users", "--full-refresh"], db=db)
    finally:
        del os.environ["WECHEER_PII_KEY"]
    assert result.success
    email, phone, city = fetch(
        db, "select email, phone, city from wecheer__users where user_id = '1'"
    )[0]

    def expected(value: str) -> str:
        return hmac.new(key.encode(), value.encode(), sha256).hexdigest()

    assert (email, phone, city) == (expected("new@x.io"), expected("+33 1"), expected("lyon"))


def test_dimensions_use_reference_data_and_ids_seen_in_events(messy_db):
    advertisers = fetch(
        messy_db,
        "select advertiser_id, advertiser_name, is_in_reference, events from wecheer__advertisers "
        "order by 1",
    )
    assert advertisers == [("10", "Brand Ten", True, 6), ("11", None, False, 0)]
    campaigns = fetch(
        messy_db,
        "select campaign_id, advertiser_id, campaign_name, is_in_reference, participants "
        "from wecheer__campaigns order by 1",
    )
    assert campaigns == [
        ("100", "10", "Hundred", True, 3),
        ("101", None, None, False, 1),
        ("999", "11", "Quiet", True, 0),
    ]


# --------------------------------------------------------------------------- empty sources


@pytest.fixture(scope="session")
def empty_dbs(tmp_path_factory, manifest) -> dict[str, Path]:
    """A schema holding only Segment's tracks table, and a file with no source schema at all;
    neither has reference data."""
    only_tracks = tmp_path_factory.mktemp("only_tracks") / DB_NAME
    missing = tmp_path_factory.mktemp("missing") / DB_NAME
    con = duckdb.connect(str(only_tracks))
    add_rows(con, "tracks", STANDARD_COLUMNS, [])
    con.close()
    duckdb.connect(str(missing)).close()
    for db in (only_tracks, missing):
        core_results(run_dbt(BUILD_CORE, db=db, manifest=manifest))
    return {"only_tracks": only_tracks, "missing": missing}


@pytest.mark.parametrize("case", ["only_tracks", "missing"])
def test_no_event_tables_gives_empty_marts_with_the_interface_columns(empty_dbs, case):
    db = empty_dbs[case]
    for table in (
        "wecheer__events",
        "wecheer__users",
        "wecheer__advertisers",
        "wecheer__campaigns",
    ):
        assert fetch(db, f"select count(*) from {table}") == [(0,)]
    columns = [c for (c,) in fetch(db, "select column_name from (describe wecheer__events)")]
    pinned = [
        "event_id",
        "event_name",
        "category",
        "is_planned",
        "user_id",
        "advertiser_id",
        "campaign_id",
        "event_at",
        "received_at",
        "source_table",
    ]
    assert columns[: len(pinned)] == pinned


def test_a_negative_lookback_is_refused(tmp_path):
    result = run_dbt(
        ["compile", "--select", "wecheer__events", "--vars", "{wecheer_lookback_days: -1}"],
        db=tmp_path / "refuse.duckdb",
    )
    assert not result.success


def test_build_into_a_missing_folder_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DBT_TARGET", raising=False)
    missing = tmp_path / "typo" / "warehouse.duckdb"
    assert wecheer_main(["build", "--db", str(missing), "--select", "wecheer__events"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"wecheer build: error: no warehouse at {missing}")
    assert "\n" not in err and not missing.parent.exists()


def test_only_an_incremental_build_keeps_the_warehouse_open(generated_warehouse, tmp_path):
    """dbt-duckdb keeps the file open through an incremental `wecheer build` (the warehouse
    already holds the classification), not through a first build or a full refresh, whose
    writes would pile up in the write-ahead log; the profile reads the choice from the
    environment, restored afterwards."""
    generated = tmp_path / "generated.duckdb"
    assert wecheer_main(["generate", "--db", str(generated), "--events", "500", "--quiet"]) == 0
    assert not warehouse.is_built(generated)
    assert warehouse.is_built(generated_warehouse("clean"))
    assert not warehouse.is_built(tmp_path / "missing.duckdb")
    before = os.environ.get(KEEP_OPEN_ENV)
    with keep_open(True):
        assert os.environ[KEEP_OPEN_ENV] == "True"
    with keep_open(False):
        assert os.environ[KEEP_OPEN_ENV] == "False"
    assert os.environ.get(KEEP_OPEN_ENV) == before


def test_build_finds_the_target_dbt_will_use(monkeypatch):
    monkeypatch.delenv("DBT_TARGET", raising=False)
    assert dbt_target(["--select", "x"]) == "duckdb"
    assert dbt_target(["--target", "postgres"]) == dbt_target(["-t", "postgres"]) == "postgres"
    assert dbt_target(["--target=spark", "--full-refresh"]) == "spark"
    monkeypatch.setenv("DBT_TARGET", "postgres")
    assert dbt_target([]) == "postgres" and dbt_target(["-t", "duckdb"]) == "duckdb"


def test_build_leaves_the_package_unit_tests_out_unless_asked(
    generated_warehouse, tmp_path, work_dir
):
    """A scheduled `wecheer build` runs models and data tests, not the package's unit tests
    (fixed inputs, whatever the warehouse holds); --unit-tests or a --resource-type selection
    runs them."""
    db = tmp_path / "copy.duckdb"
    shutil.copy(generated_warehouse("clean"), db)
    select = ["--db", str(db), "--select", "wecheer__receipts", "--quiet"]

    def kinds() -> dict[str, int]:
        results = json.loads((work_dir / "target" / "run_results.json").read_text())["results"]
        counts: dict[str, int] = {}
        for result in results:
            kind = result["unique_id"].split(".")[0]
            counts[kind] = counts.get(kind, 0) + 1
        return counts

    assert wecheer_main(["build", *select]) == 0
    # dbt kept the file open through the run; it is closed when dbt returns: another process (a
    # report notebook) can open it
    opened = subprocess.run(
        [sys.executable, "-c", f"import duckdb; duckdb.connect({str(db)!r}, read_only=True)"],
        capture_output=True,
        text=True,
    )
    assert opened.returncode == 0, opened.stderr
    default = kinds()
    assert default.get("model") == 1 and default.get("test", 0) > 0
    assert "unit_test" not in default
    assert wecheer_main(["build", *select, "--unit-tests"]) == 0
    assert kinds().get("unit_test", 0) >= 4
    types = ["--resource-type", "model", "--resource-type", "unit_test"]
    assert wecheer_main(["build", *select, *types]) == 0
    assert set(kinds()) == {"model", "unit_test"}


# --------------------------------------------------------------------------- incremental


@dataclass(frozen=True)
class Sync:
    """Rows delivered by one warehouse sync, per table."""

    tables: dict[str, list[dict]]


def random_syncs(seed: int = 7) -> list[Sync]:
    """Four syncs of about 600 events over 8 days with duplicates (in one table and across the
    two Handshake tables, some days apart), rows a sync delivers up to two days behind the
    previous sync's latest received_at, a table and a column that appear only in later syncs,
    a drifted campaign_id type, and unusable rows."""
    rng = random.Random(seed)
    delivered: list[tuple[int, str, dict]] = []  # (sync index, table, row)
    tables = ["receipt_scanned", "stamps_given", "handshake_qr_invalid"]
    for n in range(600):
        received = T0 + timedelta(minutes=rng.randrange(0, 8 * 24 * 60))
        table = rng.choice(tables)
        text = {
            "receipt_scanned": "Receipt Scanned",
            "stamps_given": "StampsGiven",
            "handshake_qr_invalid": "Handshake QR Invalid",
        }[table]
        row = track(
            f"r{n:04d}",
            table,
            text,
            received,
            user=str(rng.randrange(1, 40)),
            campaign=rng.choice([100, 101, 102]),
            happened_before=timedelta(minutes=rng.choice([0, 1, 5, 60 * 30])),
            load_delay=timedelta(minutes=rng.randrange(1, 90)),
        )
        # day index of arrival decides the sync: days 0-1, 2-3, 4-5, 6-7
        sync = min((received - T0).days // 2, 3)
        # a warehouse sync that lags: some rows land one sync later than their received_at
        if rng.random() < 0.05 and sync < 3:
            sync += 1
        delivered.append((sync, table, row))
        if rng.random() < 0.15:
            # a duplicate: same message, received up to 3 days later, maybe in the other table
            copy = dict(row)
            later = timedelta(minutes=rng.randrange(0, 3 * 24 * 60))
            copy["received_at"] = row["received_at"] + later
            copy["uuid_ts"] = copy["received_at"] + timedelta(minutes=rng.randrange(1, 90))
            copy_table = table
            if table == "handshake_qr_invalid" and rng.random() < 0.5:
                copy_table = "handshake_qrin_valid"
                copy["event_text"] = "HandshakeQRInValid"
            copy_sync = min(max((copy["received_at"] - T0).days // 2, sync), 3)
            delivered.append((copy_sync, copy_table, copy))
        if rng.random() < 0.02:
            delivered.append((sync, table, {**row, "id": None}))
    # same received_at and uuid_ts in two tables: the smaller table name must win every time
    twin = track("twin", "handshake_qr_invalid", "Handshake QR Invalid", T0 + timedelta(days=3))
    delivered.append((1, "handshake_qr_invalid", twin))
    delivered.append((2, "handshake_qrin_valid", {**twin, "event_text": "HandshakeQRInValid"}))
    # a copy received earlier arrives a sync later carrying another user and campaign (a
    # replay): the row loaded first stays the event
    received = T0 + timedelta(days=3)
    loaded = track("takeover", "receipt_scanned", "Receipt Scanned", received, "90", campaign=103)
    earlier = track(
        "takeover",
        "receipt_scanned",
        "Receipt Scanned",
        received - timedelta(hours=1),
        "91",
        campaign=104,
        happened_before=timedelta(days=2),
    )
    delivered.append((1, "receipt_scanned", loaded))
    delivered.append((2, "receipt_scanned", earlier))
    # traits: user 1 identified in the first sync and again later (a new city), and a late
    # identify with an older timestamp that must not win; user 2's users-table row changes
    identify = {"user_id": "1", "email": "one@x.io", "city": "Lyon"}
    delivered.append((0, IDENTIFIES, {**identify, "id": "i1", "timestamp": T0}))
    delivered.append(
        (
            2,
            IDENTIFIES,
            {**identify, "id": "i2", "timestamp": T0 + timedelta(days=4), "city": "Nice"},
        )
    )
    delivered.append(
        (
            3,
            IDENTIFIES,
            {**identify, "id": "i3", "timestamp": T0 + timedelta(days=1), "city": "Metz"},
        )
    )
    delivered.append(
        (1, USERS, {"id": "2", "received_at": T0 + timedelta(days=2), "phone": "+33 2"})
    )
    syncs = []
    for index in range(4):
        per_table: dict[str, list[dict]] = {}
        for sync, table, row in delivered:
            if sync == index:
                per_table.setdefault(table, []).append(row)
        syncs.append(Sync(per_table))
    return syncs


IDENTIFIES = "identifies"
USERS = "users"
TRAIT_COLUMNS = {
    IDENTIFIES: STANDARD_COLUMNS + [("email", "VARCHAR"), ("city", "VARCHAR")],
    USERS: [("id", "VARCHAR"), ("received_at", "TIMESTAMP"), ("phone", "VARCHAR")],
}


def deliver(con: duckdb.DuckDBPyConnection, sync: Sync, index: int) -> None:
    """Load one sync: every event row it carries is stamped with the sync's load time (uuid_ts),
    as Segment's loader does, whenever the row was received."""
    loaded = T0 + timedelta(days=2 * (index + 1), minutes=7)
    for table, rows in sorted(sync.tables.items()):
        if table not in TRAIT_COLUMNS:
            rows = [{**row, "uuid_ts": loaded} for row in rows]
        if table in TRAIT_COLUMNS:
            add_rows(con, table, TRAIT_COLUMNS[table], rows)
            continue
        ids = IDS_VARCHAR if table == "handshake_qrin_valid" else IDS_BIGINT
        columns = STANDARD_COLUMNS + ids
        if index >= 2 and table == "receipt_scanned":
            columns = columns + [("points", "INTEGER")]
            rows = [{**row, "points": 3} for row in rows]
        add_rows(con, table, columns, rows)


EVENT_COLUMNS = "* exclude (row_hash, built_at)"


# Rows no source holds, inserted after the first build: they survive the incremental runs
# (proof that those runs did not rebuild the tables). Loaded "in 1999", before
# wecheer_plausible_since: outside the rows the source check compares and never in a rebuilt day.
# wecheer__events replaces every row of its load window, and rows with an implausible load time
# are in every window, so its sentinel is loaded at a plausible time long before the window.
SENTINELS = {
    "wecheer__events": (
        "insert into wecheer__events (event_id, event_name, category, is_planned, event_at, "
        "received_at, source_table, loaded_at, is_event_at_plausible) values ('sentinel', 'x', "
        "'unplanned', false, timestamp '2001-01-01', timestamp '2001-01-01', 'x', "
        "timestamp '2001-01-01', false)"
    ),
    "int_wecheer__event_rows_classified": (
        "insert into int_wecheer__event_rows_classified (source_table, message_id, "
        "quarantine_reason, row_status, received_at, loaded_at, loaded_on) values ('x', "
        "'sentinel', 'missing_timestamp', 'quarantined', timestamp '1999-01-01', "
        "timestamp '1999-01-01', date '1999-01-01')"
    ),
}


@pytest.fixture(scope="session")
def incremental_vs_full(tmp_path_factory, manifest) -> dict:
    """Run after each of four syncs (lookback 3 days; the last one a build, with every test),
    then full-refresh the incremental models of the same file."""
    db = tmp_path_factory.mktemp("incremental") / DB_NAME
    syncs = random_syncs()
    for index, sync in enumerate(syncs):
        con = duckdb.connect(str(db))
        deliver(con, sync, index)
        con.close()
        last = index == len(syncs) - 1
        if last:
            # the sentinels survived the runs in between: they were incremental, not rebuilds
            with duckdb.connect(str(db)) as con:
                for table in SENTINELS:
                    deleted = con.execute(
                        f"delete from {table} where message_id = 'sentinel'"
                        if table != "wecheer__events"
                        else f"delete from {table} where event_id = 'sentinel'"
                    )
                    assert deleted.fetchall() == [(1,)], table
                # the quarantine mart re-reads rows with an implausible load time every run
                con.execute("delete from wecheer__quarantined_events where message_id = 'sentinel'")
        result = run_dbt(BUILD_CORE if last else RUN_CORE, db=db, manifest=manifest)
        assert result.success and len(result.result) >= len(CORE_MARTS)
        if index == 0:
            with duckdb.connect(str(db)) as con:
                for sql in SENTINELS.values():
                    con.execute(sql)
    raw_ids = fetch(db, "select count(distinct message_id) from int_wecheer__event_rows")[0][0]
    compared = full_refresh_equals(db, manifest)
    return {
        "incremental": compared["wecheer__events"][0],
        "full": compared["wecheer__events"][1],
        "compared": compared,
        "raw_ids": raw_ids,
        "db": db,
    }


def test_incremental_builds_equal_a_full_refresh_row_for_row(incremental_vs_full):
    incremental, full = incremental_vs_full["incremental"], incremental_vs_full["full"]
    assert len(full) == incremental_vs_full["raw_ids"]
    assert len(incremental) == len(full)
    assert incremental == full
    for name, (built, refreshed) in incremental_vs_full["compared"].items():
        assert len(built) == len(refreshed), name
        assert built == refreshed, name


def test_a_late_duplicate_in_a_renamed_table_does_not_replace_the_loaded_event(incremental_vs_full):
    rows = [row for row in incremental_vs_full["incremental"] if row[0] == "twin"]
    assert len(rows) == 1
    assert "handshake_qr_invalid" in rows[0]


def test_a_copy_received_earlier_but_loaded_later_never_takes_over(incremental_vs_full):
    """A replayed copy (received an hour earlier, loaded a sync later, carrying another user
    and campaign) is a duplicate: the row loaded first stays, so the incrementally built
    dimensions (which equal a full refresh, test above) keep user 90 and campaign 103, and
    user 91 and campaign 104, seen only on the duplicate, are not there."""
    compared = incremental_vs_full["compared"]
    users = {row[0]: row for row in compared["wecheer__users"][0]}
    campaigns = {row[0]: row for row in compared["wecheer__campaigns"][0]}
    assert "91" not in users and "104" not in campaigns
    happened = T0 + timedelta(days=3, seconds=-1)
    assert users["90"][1:4] == (happened, happened, 1)
    # first_event_at, last_event_at, events, participants (then last_loaded_at)
    assert campaigns["103"][-5:-1] == (happened, happened, 1, 1)


def test_latest_traits_win_over_an_older_identify_delivered_later(incremental_vs_full):
    """The identify with the latest timestamp wins even when an older one arrives later (its
    time is the user's last_identified_at); a users-table row delivered in a middle sync is
    kept (the user has traits; no PII key here, so the traits themselves are left out)."""
    users = fetch(
        incremental_vs_full["db"],
        "select user_id, city, last_identified_at, phone, has_traits "
        "from wecheer__users where user_id in ('1', '2') order by 1",
    )
    assert users == [
        ("1", None, T0 + timedelta(days=4), None, True),
        ("2", None, None, None, True),
    ]


def test_the_unique_test_on_event_id_fails_on_a_repeated_id(messy_db, tmp_path, manifest):
    """wecheer_unique (dbt's unique with a first pass on the stored event_id_hash on DuckDB)
    reports a repeated event_id: one failing value with its two rows."""
    db = tmp_path / DB_NAME
    shutil.copy(messy_db, db)
    select = ["test", "--select", "wecheer__events,test_name:wecheer_unique"]
    passed = run_dbt(select, db=db, manifest=manifest)
    assert passed.success and [str(r.status) for r in passed.result] == ["pass"]
    with duckdb.connect(str(db)) as con:
        con.execute(
            "insert into wecheer__events select * from wecheer__events where event_id = 'm02'"
        )
    failed = run_dbt(select, db=db, manifest=manifest)
    assert [(str(r.status), r.failures) for r in failed.result] == [("fail", 1)]


def test_the_unique_test_finds_a_new_row_repeating_an_id_an_earlier_build_wrote(
    messy_db, tmp_path, manifest
):
    """The uniqueness test of event_id reads only the values of the rows the latest build wrote
    (built_at), but looks for them among every row: a new row repeating the id of a row an
    earlier build wrote fails it."""
    db = tmp_path / DB_NAME
    shutil.copy(messy_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("update wecheer__events set built_at = timestamp '2026-01-01'")
        con.execute(
            "insert into wecheer__events select * replace (timestamp '2026-02-01' as built_at) "
            "from wecheer__events where event_id = 'm02'"
        )
    failed = run_dbt(
        ["test", "--select", "wecheer__events,test_name:wecheer_unique"], db=db, manifest=manifest
    )
    assert [(str(r.status), r.failures) for r in failed.result] == [("fail", 1)]


def test_the_relationship_test_finds_a_duplicate_whose_event_is_missing(
    messy_db, tmp_path, manifest
):
    """The test that every duplicate's event_id is a kept event finds the rows of
    wecheer__events through their stored hash, yet compares the ids themselves: a duplicate
    whose kept event is gone fails it, once per duplicate row of that id."""
    db = tmp_path / DB_NAME
    shutil.copy(messy_db, db)
    select = ["test", "--select", "wecheer__event_duplicates,test_name:wecheer_relationships"]
    passed = run_dbt(select, db=db, manifest=manifest)
    assert [str(r.status) for r in passed.result] == ["pass"]
    with duckdb.connect(str(db)) as con:
        (event_id, copies) = con.execute(
            "select event_id, count(*) from wecheer__event_duplicates group by 1 order by 1 limit 1"
        ).fetchone()
        con.execute("delete from wecheer__events where event_id = ?", [event_id])
    failed = run_dbt(select, db=db, manifest=manifest)
    assert [(str(r.status), r.failures) for r in failed.result] == [("fail", copies)]
