"""Funnels: the funnel marts equal the generator's truth, and survive a messy source.

On generated data (clean, realistic and hostile fault profiles, 30k events each) the marts must
reproduce `wecheer_truth` exactly: `wecheer__receipts` and `wecheer__punchcards` row by row,
`wecheer__campaign_summary` per campaign, and the funnel marts must agree with both. A small
hand-made source checks what generated data cannot show directly: both spellings of the same
events and a late duplicate of a scan go through `wecheer__events` into the attempts.

One parse and one dbt build per warehouse (session-scoped fixtures): each costs seconds.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support.core import DB_NAME, build_statuses, fetch, parse_manifest
from support.segment_source import Row, write_source

from wecheer.dbt import run_dbt
from wecheer.paths import PROJECT_ROOT

PROFILES = ("clean", "realistic", "hostile")

FUNNEL_MODELS = (
    "int_wecheer__campaign_participants",
    "int_wecheer__campaign_activity_days",
    "int_wecheer__campaign_advertisers",
    "wecheer__receipts",
    "wecheer__receipt_funnel",
    "wecheer__punchcards",
    "wecheer__punchcard_funnel",
    "wecheer__campaign_daily",
    "wecheer__campaign_cohorts",
    "wecheer__campaign_summary",
    "wecheer__safe_boxes",
    "wecheer__manual_verifications",
    "wecheer__games",
    "wecheer__levels",
    "wecheer__lifecycle_funnel",
    "wecheer__funnel_scan_to_points",
    "wecheer__funnel_safe_box",
)
# the funnel marts, everything they are built from, and the data tests on them
BUILD_FUNNELS = [
    "build",
    "--select",
    *(f"+{name}" for name in FUNNEL_MODELS),
    "--exclude-resource-type",
    "unit_test",
    "--indirect-selection",
    "cautious",
]
# models and seeds only: the data tests run once, on the hostile profile
RUN_FUNNELS = [*BUILD_FUNNELS, "--resource-type", "model", "--resource-type", "seed"]

RECEIPT_COLUMNS = (
    "receipt_attempt_id, user_id, cast(advertiser_id as varchar) as advertiser_id, campaign_id, "
    "scanned_at, outcome, outcome_at"
)
PUNCHCARD_COLUMNS = (
    "user_id, cast(advertiser_id as varchar) as advertiser_id, campaign_id, "
    "cast(card_number as bigint) as card_number, started_at, "
    "cast(stamps_events as bigint) as stamps_events, "
    "cast(steps_completed as bigint) as steps_completed, is_completed, completed_at, "
    "rewarded_at, redeemed_at"
)
SUMMARY_COUNTS = (
    "participants",
    "receipt_attempts",
    "outcome_rewarded",
    "outcome_no_reward",
    "outcome_failed",
    "outcome_fraud",
    "outcome_incomplete",
    "outcome_rejected",
    "outcome_review_limit_exceeded",
    "outcome_in_review",
    "outcome_accepted",
    "outcome_abandoned",
    "outcome_pending",
    "punchcards_started",
    "punchcards_completed",
)


def built(result) -> dict[str, str]:
    """Node name -> status, asserting the build succeeded and built every funnel model."""
    return build_statuses(result, FUNNEL_MODELS, "funnel models")


def difference(db: Path, columns: str, left: str, right: str) -> list[tuple]:
    """Rows of `left` missing from `right` (multiset: duplicates count)."""
    return fetch(
        db, f"select {columns} from {left} except all select {columns} from {right} limit 20"
    )


def assert_equal_row_for_row(db: Path, columns: str, truth: str, mart: str, at_least: int) -> None:
    """`mart` holds the rows of `truth` (more than `at_least`), each as often, and no other."""
    (count,) = fetch(db, f"select count(*) from {truth}")[0]
    assert count > at_least
    assert fetch(db, f"select count(*) from {mart}") == [(count,)]
    assert difference(db, columns, truth, mart) == []
    assert difference(db, columns, mart, truth) == []


@pytest.fixture(scope="session")
def manifest(tmp_path_factory):
    return parse_manifest(tmp_path_factory.mktemp("funnels_parse"))


@pytest.fixture(scope="session")
def generated(generated_warehouse) -> dict[str, Path]:
    """profile -> a generated warehouse (conftest: 30k events, seed 1, `dbt build` of every
    model and test, shared with the other test modules)."""
    return {profile: generated_warehouse(profile) for profile in PROFILES}


@pytest.mark.parametrize("profile", PROFILES)
def test_receipt_attempts_equal_the_truth_row_for_row(generated, profile):
    db = generated[profile]
    truth = "wecheer_truth.receipt_attempts"
    assert_equal_row_for_row(db, RECEIPT_COLUMNS, truth, "main.wecheer__receipts", 1000)
    outcomes = {row[0] for row in fetch(db, f"select distinct outcome from {truth}")}
    assert len(outcomes) >= 9, outcomes  # the comparison covers nearly every path


@pytest.mark.parametrize("profile", PROFILES)
def test_punchcards_equal_the_truth_row_for_row(generated, profile):
    db = generated[profile]
    truth = "wecheer_truth.punchcards"
    assert_equal_row_for_row(db, PUNCHCARD_COLUMNS, truth, "main.wecheer__punchcards", 50)
    assert fetch(db, f"select count(*) from {truth} where card_number > 1 and is_completed")[0][0]


@pytest.mark.parametrize("profile", PROFILES)
def test_campaign_summary_equals_the_truth_per_campaign(generated, profile):
    db = generated[profile]
    columns = "campaign_id, cast(advertiser_id as varchar) as advertiser_id, " + ", ".join(
        f"cast({c} as bigint) as {c}" for c in SUMMARY_COUNTS
    )
    truth, mart = "wecheer_truth.campaign_summary", "main.wecheer__campaign_summary"
    assert fetch(db, f"select count(*) from {truth}")[0][0] > 10
    assert difference(db, columns, truth, mart) == []
    assert difference(db, columns, mart, truth) == []


@pytest.mark.parametrize("profile", PROFILES)
def test_funnel_steps_count_the_truth_outcomes(generated, profile):
    db = generated[profile]
    expected = fetch(
        db,
        """
        select campaign_id, count(*),
            count(case when outcome not in ('pending', 'abandoned') then 1 end),
            count(case when outcome in ('accepted', 'rewarded', 'no_reward') then 1 end),
            count(case when outcome = 'rewarded' then 1 end)
        from wecheer_truth.receipt_attempts group by 1 order by 1
        """,
    )
    actual = fetch(
        db,
        """
        select campaign_id, sum(attempts) filter (step_number = 1),
            sum(attempts) filter (step_number = 2), sum(attempts) filter (step_number = 3),
            sum(attempts) filter (step_number = 4)
        from main.wecheer__receipt_funnel group by 1 order by 1
        """,
    )
    assert actual == expected
    cards = fetch(
        db,
        "select campaign_id, count(*), count(case when is_completed then 1 end) "
        "from wecheer_truth.punchcards group by 1 order by 1",
    )
    funnel = fetch(
        db,
        "select campaign_id, sum(cards) filter (step_name = 'card_started'), "
        "sum(cards) filter (step_name = 'completed') "
        "from main.wecheer__punchcard_funnel group by 1 order by 1",
    )
    assert funnel == cards


@pytest.mark.parametrize("profile", PROFILES)
def test_daily_totals_add_up_to_the_truth(generated, profile):
    db = generated[profile]
    daily = fetch(
        db,
        "select campaign_id, sum(new_participants), sum(scans), sum(fraud), "
        "sum(punchcards_completed) from main.wecheer__campaign_daily group by 1 order by 1",
    )
    truth = fetch(
        db,
        "select campaign_id, participants, receipt_attempts, outcome_fraud, punchcards_completed "
        "from wecheer_truth.campaign_summary order by 1",
    )
    assert daily == truth
    week_zero = fetch(
        db,
        "select campaign_id, sum(active_participants) from main.wecheer__campaign_cohorts "
        "where weeks_since_joining = 0 group by 1 order by 1",
    )
    assert week_zero == [(campaign, participants) for campaign, participants, *_ in truth]


# --------------------------------------------------------------------------- messy hand-made


T0 = datetime(2026, 3, 2, 10, 0, 0)


@pytest.fixture(scope="session")
def spelled_db(tmp_path_factory, manifest) -> Path:
    """One user's receipts in both spellings (CamelCase after a switch), plus a scan delivered
    twice (the copy two days late, after the outcome), and a punchcard in both spellings."""
    db = tmp_path_factory.mktemp("funnels_spelled") / DB_NAME
    late_scan = Row("ScanReceipt", T0 + timedelta(days=1), id="scan-2")
    rows = [
        Row("Scan Receipt", T0, id="scan-1"),
        Row("Receipt Scanned", T0 + timedelta(seconds=30)),
        Row("Points Received", T0 + timedelta(seconds=50)),
        late_scan,
        late_scan.copy(latency=timedelta(days=2)),
        Row("ReceiptTriaged", T0 + timedelta(days=1, seconds=20)),
        Row("ManualVerificationRequested", T0 + timedelta(days=1, seconds=40)),
        Row("ManualVerificationApproved", T0 + timedelta(days=1, hours=3)),
        Row("ReceiptNoReward", T0 + timedelta(days=1, hours=3, seconds=10)),
        Row("Punchcard Stamps Received", T0 + timedelta(days=2), campaign_id=71),
        Row("PunchcardStampsReceived", T0 + timedelta(days=3), campaign_id=71),
        Row("PunchcardCompleted", T0 + timedelta(days=3, seconds=5), campaign_id=71),
        Row("Punchcard Completed", T0 + timedelta(days=3, seconds=9), campaign_id=71),
        Row("RewardReceived", T0 + timedelta(days=3, seconds=20), campaign_id=71),
    ]
    write_source(db, rows)
    built(run_dbt(RUN_FUNNELS, db=db, manifest=manifest))
    return db


def test_both_spellings_and_a_late_duplicate_make_the_same_attempts(spelled_db):
    assert fetch(
        spelled_db,
        "select receipt_attempt_id, outcome, seconds_to_outcome from main.wecheer__receipts "
        "order by scanned_at",
    ) == [("scan-1", "rewarded", 50), ("scan-2", "no_reward", 3 * 3600 + 10)]


def test_both_spellings_and_a_duplicate_completion_make_one_card(spelled_db):
    assert fetch(
        spelled_db,
        "select card_number, stamps_events, is_completed, completion_events, "
        "rewarded_at is not null from main.wecheer__punchcards",
    ) == [(1, 2, True, 2, True)]


# --------------------------------------------------------------------------- semantic layer


def test_mf_query_gives_the_truth_per_campaign(generated, tmp_path):
    """`mf query` reads <project>/target/semantic_manifest.json, so it runs in a throwaway
    project folder (links to this project's files) with its own target/."""
    db = generated["hostile"]
    project = tmp_path / "project"
    project.mkdir()
    for name in ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests"):
        (project / name).symlink_to(PROJECT_ROOT / name)
    assert run_dbt(["parse", "--project-dir", str(project)], db=db).success
    out = tmp_path / "mf.csv"
    env = {**os.environ, "WECHEER_DUCKDB": str(db), "DBT_PROFILES_DIR": str(PROJECT_ROOT)}
    mf = Path(sys.executable).with_name("mf")
    subprocess.run(
        [str(mf), "query", "--metrics", "receipt_attempts,receipt_fraud_rate,participants",
         "--group-by", "campaign", "--csv", str(out)],
        cwd=project, env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with out.open(newline="") as handle:
        rows = {r["campaign"]: r for r in csv.DictReader(handle)}
    truth = fetch(
        db,
        "select campaign_id, receipt_attempts, outcome_fraud, participants "
        "from wecheer_truth.campaign_summary",
    )
    assert len(rows) == len(truth)
    for campaign, attempts, fraud, participants in truth:
        row = rows[campaign]
        assert int(row["participants"]) == participants
        assert int(row["receipt_attempts"] or 0) == attempts
        if attempts:
            assert float(row["receipt_fraud_rate"]) == pytest.approx(fraud / attempts)
