"""Incremental builds equal a full refresh for every public mart, on every fault profile.

Snowplow's test: a full build, then several incremental builds over later loads (two appended
syncs of the generator: late rows, redelivered duplicates; then a new column and a new event
table appear; then the reference data is edited), must give exactly what one full build of the
same data gives: every public mart (`wecheer__*`), every column, compared both ways.
"""

from __future__ import annotations

import json
import shutil
from datetime import timedelta

import duckdb
import pytest
from support import PROFILES
from support.core import DB_NAME
from support.marts import mart_differences

from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt

VARS = json.dumps({"wecheer_qa_as_of": "2026-06-01 00:00:00"})
MODELS_ONLY = ["--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]


def build(db, manifest, *extra):
    result = run_dbt(["build", "--vars", VARS, *MODELS_ONLY, *extra], db=db, manifest=manifest)
    failed = [
        (r.node.name, r.message)
        for r in (result.result or [])
        if str(r.status) not in ("success", "no-op")  # exposures are no-op nodes
    ]
    assert result.success and not failed, failed or result.exception
    return {r.node.name: r.node for r in result.result}


def new_table_and_column(db) -> None:
    """A sync that brings a property column no table had and an event table never seen."""
    with duckdb.connect(str(db)) as con:
        (loaded,) = con.execute("select max(uuid_ts) from wecheer_prod.scan_receipt").fetchone()
        later = loaded + timedelta(hours=1)
        con.execute("alter table wecheer_prod.scan_receipt add column receipt_total double")
        con.execute(
            "insert into wecheer_prod.scan_receipt by name select * exclude (id, uuid_ts, "
            "receipt_total), id || '-again' as id, ? as uuid_ts, 12.5 as receipt_total "
            "from wecheer_prod.scan_receipt limit 3",
            [later],
        )
        con.execute(
            "create table wecheer_prod.loyalty_party_started as select * exclude (id, event, "
            "event_text, uuid_ts), id || '-party' as id, 'loyalty_party_started' as event, "
            "'Loyalty Party Started' as event_text, ? as uuid_ts from wecheer_prod.scan_receipt "
            "limit 5",
            [later],
        )


def reference_edited(db) -> int:
    """Analysts edit the reference data: a campaign that sent events without being listed is
    added (its rows stop being orphans), and a listed campaign with events is removed (its
    rows, loaded long ago, become orphans). Returns the removed campaign's id."""
    with duckdb.connect(str(db)) as con:
        listed = "select campaign_id from wecheer_reference.campaigns"
        # the campaign ids sent (as text in some fault profiles)
        sent = "(select try_cast(campaign_id as bigint) campaign_id from wecheer_prod.scan_receipt)"
        unlisted = con.execute(
            f"select min(campaign_id) from {sent} where campaign_id not in ({listed})"
        ).fetchone()[0]
        if unlisted is not None:
            con.execute(
                "insert into wecheer_reference.campaigns (campaign_id, advertiser_id, "
                "campaign_name) select ?, min(advertiser_id), 'added' from "
                "wecheer_reference.campaigns",
                [unlisted],
            )
        (removed,) = con.execute(
            f"select max(campaign_id) from {sent} where campaign_id in ({listed})"
        ).fetchone()
        con.execute("delete from wecheer_reference.campaigns where campaign_id = ?", [removed])
    return removed


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    result = run_dbt(["parse", "--vars", VARS], db=tmp_path_factory.mktemp("parse") / DB_NAME)
    assert result.success
    return result.result


@pytest.mark.parametrize("profile", PROFILES)
def test_incremental_builds_equal_a_full_refresh_on_every_public_mart(profile, tmp_path, manifest):
    db = tmp_path / DB_NAME
    generate = ["generate", "--db", str(db), "--quiet"]
    args = ["--events", "12000", "--seed", "5", "--faults", profile, "--days", "20"]
    assert wecheer_main([*generate, *args, "--replace"]) == 0
    build(db, manifest)
    for _ in range(2):
        assert wecheer_main([*generate, "--append", "--days", "2"]) == 0
        nodes = build(db, manifest)
    new_table_and_column(db)
    nodes = build(db, manifest)
    removed = reference_edited(db)
    nodes = build(db, manifest)
    # the runs were incremental: the stream marts recomputed only their touched streams
    assert "touched_streams" in nodes["wecheer__receipts"].compiled_code
    full = tmp_path / "full" / DB_NAME
    full.parent.mkdir()
    shutil.copy(db, full)
    build(full, manifest, "--full-refresh")
    assert mart_differences(db, full) == {}
    (new_rows,) = (
        duckdb.connect(str(db), read_only=True)
        .execute("select count(*) from wecheer__events where event_id like '%-party'")
        .fetchone()
    )
    assert new_rows == 5
    (orphans,) = (
        duckdb.connect(str(db), read_only=True)
        .execute(
            "select count(*) from wecheer__qa_findings where check_name = 'orphan_ids' "
            "and finding = ?",
            [f"campaign {removed} is not in the reference data"],
        )
        .fetchone()
    )
    assert orphans > 0
