"""dbt core against the generator's truth: unique events per event name, campaign
participants and advertisers, duplicates, on every fault profile; and incremental builds over
appended syncs equal to a full refresh."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.core import (
    BUILD_CORE,
    DB_NAME,
    RUN_CORE,
    core_results,
    fetch,
    full_refresh_equals,
    parse_manifest,
)

from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt

EVENTS = 30000
PROFILES = {
    "clean": ["--faults", "clean"],
    "realistic": ["--faults", "realistic"],
    # mixed naming: both spellings, and both tables of the two Handshake QR events
    "hostile": ["--faults", "hostile", "--naming", "mixed"],
}


def generate(db: Path, *args: str) -> None:
    assert wecheer_main(["generate", "--db", str(db), "--quiet", "--no-progress", *args]) == 0


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    return parse_manifest(tmp_path_factory.mktemp("parse_truth"))


@pytest.fixture(scope="module", params=sorted(PROFILES))
def built(request, tmp_path_factory, manifest) -> Path:
    db = tmp_path_factory.mktemp(f"truth_{request.param}") / DB_NAME
    generate(db, "--events", str(EVENTS), "--seed", "1", *PROFILES[request.param])
    statuses = core_results(run_dbt(BUILD_CORE, db=db, manifest=manifest))
    assert statuses["assert_wecheer_event_rows_accounted_for"] == "pass"
    return db


def event_count_differences(db: Path) -> list[tuple]:
    return fetch(
        db,
        """
        with modelled as (
            select event_name, is_planned, count(*) as unique_events
            from wecheer__events
            group by 1, 2
        )
        select
            coalesce(truth.event_name, modelled.event_name),
            truth.is_planned, modelled.is_planned,
            truth.unique_events, modelled.unique_events
        from wecheer_truth.event_counts as truth
        full outer join modelled on truth.event_name = modelled.event_name
        where truth.unique_events is distinct from modelled.unique_events
            or truth.is_planned is distinct from modelled.is_planned
        """,
    )


def campaign_differences(db: Path) -> list[tuple]:
    return fetch(
        db,
        """
        select truth.campaign_id, truth.participants, mart.participants,
            truth.advertiser_id, mart.advertiser_id
        from wecheer_truth.campaign_summary as truth
        full outer join wecheer__campaigns as mart
            on truth.campaign_id = mart.campaign_id
        where truth.participants is distinct from mart.participants
            or cast(truth.advertiser_id as varchar) is distinct from mart.advertiser_id
        """,
    )


def test_unique_events_per_name_match_the_truth(built):
    assert fetch(built, "select count(*) from wecheer__events")[0][0] > EVENTS * 0.9
    assert event_count_differences(built) == []


def test_campaign_participants_and_advertisers_match_the_truth(built):
    assert campaign_differences(built) == []


def test_duplicates_are_the_rows_the_truth_counts_as_duplicates(built):
    truth = fetch(
        built,
        "select failing_rows from wecheer_truth.faults where check_name = 'duplicate_message_ids'",
    )
    assert fetch(built, "select count(*) from wecheer__event_duplicates") == truth


def test_every_user_with_events_is_in_users(built):
    assert fetch(
        built,
        "select count(distinct user_id) from wecheer__events where user_id not in "
        "(select user_id from wecheer__users)",
    ) == [(0,)]


def test_incremental_over_appended_syncs_equals_full_refresh_and_truth(tmp_path, manifest):
    db = tmp_path / DB_NAME
    generate(db, "--events", "20000", "--seed", "3", "--faults", "realistic", "--days", "30")
    assert run_dbt(RUN_CORE, db=db, manifest=manifest).success
    for _ in range(2):
        generate(db, "--append", "--days", "2")
        assert run_dbt(RUN_CORE, db=db, manifest=manifest).success
    assert event_count_differences(db) == []
    for name, (built, refreshed) in full_refresh_equals(db, manifest).items():
        assert len(built) == len(refreshed), name
        assert built == refreshed, name
