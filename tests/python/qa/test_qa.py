"""Source QA on hand-made sources: each check fires on the fault it is named for, and only it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import duckdb
import pytest
from support import QA_CHECK_NAMES
from support.segment_source import Row, steady_programme, write_source

from wecheer import qa
from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt

START = datetime(2026, 3, 2)
CHECKS = QA_CHECK_NAMES
REFERENCE = {"advertisers": [(7, "Brand Seven")], "campaigns": [(70, 7), (71, 7)]}


AS_OF = START + timedelta(days=42)  # hours after the last row these tests write
BUILD_QA = [
    "build",
    "--select",
    "+wecheer__source_qa",
    "--resource-type",
    "model",
    "--resource-type",
    "seed",
]


@pytest.fixture(scope="module")
def qa_manifest(tmp_path_factory):
    """One parse for every build here (same vars, same warehouse file name): dbt's fixed cost."""
    db = tmp_path_factory.mktemp("parse") / "qa.duckdb"
    result = run_dbt(["parse", "--vars", json.dumps({"wecheer_qa_as_of": str(AS_OF)})], db=db)
    assert result.success
    return result.result


def build_qa(tmp_path, rows, manifest, *, as_of=AS_OF, **source_options):
    db = tmp_path / "qa.duckdb"
    write_source(db, rows, **{"reference": REFERENCE, **source_options})
    assert max(r.standard()["received_at"] for r in rows) < AS_OF
    result = run_dbt(
        [*BUILD_QA, "--vars", json.dumps({"wecheer_qa_as_of": str(as_of)})],
        db=db,
        manifest=manifest if as_of == AS_OF else None,
    )
    assert result.success, "QA must never stop the build"
    assert len(result.result) > 10
    return db, {r.check_name: r for r in qa.read_results(db)}


def assert_only(results, check_name, failing_rows):
    assert set(results) == CHECKS
    assert results[check_name].failing_rows == failing_rows, results[check_name].detail
    assert results[check_name].status in ("warn", "fail")
    others = {name: r.status for name, r in results.items() if name != check_name}
    assert set(others.values()) == {"pass"}, others


@pytest.fixture
def programme():
    return steady_programme(START)


def test_clean_source_passes_every_check(tmp_path, programme, qa_manifest):
    _, results = build_qa(tmp_path, programme, qa_manifest)
    assert set(results) == CHECKS
    assert {name: r.status for name, r in results.items()} == dict.fromkeys(CHECKS, "pass")


def test_duplicates_count_copies_beyond_the_first_within_and_across_tables(
    tmp_path, programme, qa_manifest
):
    same_table = programme[3].copy(latency=timedelta(hours=2))
    days_later = programme[4].copy(latency=timedelta(days=5))
    across_tables = programme[5].copy(table="points_received_v2")
    third_copy = programme[3].copy(latency=timedelta(hours=3))
    rows = programme + [same_table, days_later, across_tables, third_copy]
    _, results = build_qa(tmp_path, rows, qa_manifest)
    # the across-tables copy sits in a table the catalogue does not know: that is its own check
    assert results["duplicate_message_ids"].failing_rows == 4
    assert results["unplanned_events"].failing_rows == 0
    assert results["late_arrivals"].status == "pass"


def test_unplanned_events_are_reported_with_their_rows(tmp_path, programme, qa_manifest):
    extra = [Row("Coupon Clipped", START + timedelta(days=3, hours=h)) for h in range(4)]
    _, results = build_qa(tmp_path, programme + extra, qa_manifest)
    assert_only(results, "unplanned_events", 4)
    assert "coupon_clipped" in results["unplanned_events"].detail


def test_aliases_count_rows_outside_the_main_spelling_and_table(tmp_path, programme, qa_manifest):
    at = START + timedelta(days=10)
    extra = [
        Row("ReceiptScanned", at, table="receipt_scanned"),
        Row("ReceiptScanned", at + timedelta(hours=1), table="receipt_scanned"),
        Row("Handshake QR Invalid", at),
        Row("Handshake QR Invalid", at + timedelta(hours=1)),
        Row("HandshakeQRInValid", at + timedelta(hours=2)),
    ]
    _, results = build_qa(tmp_path, programme + extra, qa_manifest)
    assert_only(results, "event_name_aliases", 3)


def test_missing_ids_count_each_row_once(tmp_path, programme, qa_manifest):
    rows = list(programme)
    rows[0] = rows[0].copy(campaign_id=None)
    rows[1] = rows[1].copy(campaign_id=None, user_id=None)
    rows[2] = rows[2].copy(advertiser_id=None)
    # User Data Shared carries no campaign id by design: not a fault
    rows.append(Row("User Data Shared", START + timedelta(days=2), campaign_id=None))
    _, results = build_qa(tmp_path, rows, qa_manifest)
    assert_only(results, "missing_ids", 3)


def test_rows_without_message_id_are_missing_ids(tmp_path, programme, qa_manifest):
    rows = list(programme)
    rows[7] = rows[7].copy(id=None)
    _, results = build_qa(tmp_path, rows, qa_manifest)
    assert_only(results, "missing_ids", 1)


def test_future_timestamps_from_a_server_clock_ahead(tmp_path, programme, qa_manifest):
    rows = list(programme)
    for i in (10, 11):
        rows[i] = rows[i].copy(server_ahead=timedelta(days=2))
    _, results = build_qa(tmp_path, rows, qa_manifest)
    assert_only(results, "future_timestamps", 2)


def test_late_arrivals_received_days_after_the_event(tmp_path, programme, qa_manifest):
    rows = list(programme)
    for i in (20, 21, 22):
        rows[i] = rows[i].copy(latency=timedelta(days=3))
    _, results = build_qa(tmp_path, rows, qa_manifest)
    assert_only(results, "late_arrivals", 3)


def test_clock_skew_when_sender_clock_is_off(tmp_path, programme, qa_manifest):
    rows = list(programme)
    for i in (30, 31):
        rows[i] = rows[i].copy(sender_skew=timedelta(hours=-5))
    _, results = build_qa(tmp_path, rows, qa_manifest)
    assert_only(results, "clock_skew", 2)


def test_tracks_parity_counts_rows_missing_from_tracks(tmp_path, programme, qa_manifest):
    rows = list(programme)
    for i in (40, 41):
        rows[i] = rows[i].copy(in_tracks=False)
    _, results = build_qa(tmp_path, rows, qa_manifest)
    assert_only(results, "tracks_parity", 2)


def test_type_drift_counts_rows_of_the_minority_typed_table(tmp_path, programme, qa_manifest):
    extra = [Row("Game Triggered", START + timedelta(days=5, minutes=m)) for m in range(5)]
    _, results = build_qa(
        tmp_path, programme + extra, qa_manifest, id_types={"game_triggered": "VARCHAR"}
    )
    assert_only(results, "type_drift", 5)
    assert "campaign_id is varchar" in results["type_drift"].detail


def test_orphan_ids_against_reference_data_and_conflicting_advertisers(
    tmp_path, programme, qa_manifest
):
    at = START + timedelta(days=8)
    extra = [
        Row("Scan Receipt", at, campaign_id=99),  # campaign not in the reference data
        Row("Scan Receipt", at, advertiser_id=8),  # campaign 70 under another advertiser
    ]
    _, results = build_qa(tmp_path, programme + extra, qa_manifest)
    assert_only(results, "orphan_ids", 2)


def test_sequence_violations_in_journeys(tmp_path, programme, qa_manifest):
    at = START + timedelta(days=12, hours=20)
    extra = [
        Row("Safe Box Redeemed", at, user_id="500"),
        Row("Manual Verification Approved", at, user_id="501"),
        Row("Punchcard Completed", at, user_id="502"),
        Row("Scan Receipt", at, user_id="503"),
        Row("Receipt Fraud", at + timedelta(seconds=5), user_id="503"),
        Row("Points Received", at + timedelta(seconds=9), user_id="503"),
    ]
    db, results = build_qa(tmp_path, programme + extra, qa_manifest)
    assert_only(results, "sequence_violations", 4)
    with duckdb.connect(str(db), read_only=True) as con:
        found = con.execute(
            "select message_id, event_name, user_id, finding from wecheer__qa_findings "
            "where check_name = 'sequence_violations' order by user_id"
        ).fetchall()
    assert found == [
        (extra[0].id, "Safe Box Redeemed", "500", "safe box redeemed more often than generated"),
        (
            extra[1].id,
            "Manual Verification Approved",
            "501",
            "manual verification verdict without a request",
        ),
        (
            extra[2].id,
            "Punchcard Completed",
            "502",
            "punchcard completed without a stamp since the last completion",
        ),
        (extra[5].id, "Points Received", "503", "Points Received after a fraud outcome"),
    ]


def test_volume_anomaly_on_a_spike_day(tmp_path, programme, qa_manifest):
    spike_day = START + timedelta(days=36, hours=14)
    extra = [Row("Game Completed", spike_day + timedelta(seconds=s)) for s in range(40)]
    baseline = [Row("Game Completed", START + timedelta(days=d, hours=14)) for d in range(36)]
    _, results = build_qa(tmp_path, programme + baseline + extra, qa_manifest)
    assert_only(results, "volume_anomalies", 39)


def test_freshness_fails_when_nothing_arrived_for_days(tmp_path, programme, qa_manifest):
    last = max(r.standard()["received_at"] for r in programme)
    _, results = build_qa(tmp_path, programme, qa_manifest, as_of=last + timedelta(days=4))
    assert results["freshness"].status == "fail"
    assert all(r.status == "pass" for name, r in results.items() if name != "freshness")


def test_failing_rows_are_kept_for_drill_down(tmp_path, programme, qa_manifest):
    rows = list(programme)
    rows[10] = rows[10].copy(server_ahead=timedelta(days=2))
    db, _ = build_qa(tmp_path, rows, qa_manifest)
    with duckdb.connect(str(db), read_only=True) as con:
        found = con.execute(
            "select message_id from wecheer__qa_findings where check_name = 'future_timestamps'"
        ).fetchall()
    assert found == [(rows[10].id,)]


def test_cli_exit_codes_and_formats(tmp_path, programme, qa_manifest, capsys):
    rows = list(programme)
    rows[0] = rows[0].copy(campaign_id=None)  # 1 of 756 rows: warn, below the fail share
    db, _ = build_qa(tmp_path, rows, qa_manifest)
    assert wecheer_main(["qa", "--db", str(db), "--no-build"]) == 0
    assert wecheer_main(["qa", "--db", str(db), "--no-build", "--strict"]) == 1
    capsys.readouterr()
    assert wecheer_main(["qa", "--db", str(db), "--no-build", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert {c["check_name"] for c in payload["checks"]} == CHECKS
    assert payload["summary"]["warn"] == 1
    out = tmp_path / "qa.md"
    assert wecheer_main(
        ["qa", "--db", str(db), "--no-build", "--format", "markdown", "-o", str(out)]
    ) in (0,)
    assert "| `missing_ids` | warn | 1 |" in out.read_text()


def test_cli_exits_2_when_a_check_fails(tmp_path, programme, qa_manifest):
    rows = [r.copy(campaign_id=None) if i % 10 == 0 else r for i, r in enumerate(programme)]
    db, results = build_qa(tmp_path, rows, qa_manifest)
    assert results["missing_ids"].status == "fail"
    assert wecheer_main(["qa", "--db", str(db), "--no-build"]) == 2


@pytest.mark.parametrize("build", [False, True], ids=["no-build", "build"])
def test_cli_reports_a_missing_warehouse_in_one_line(tmp_path, capsys, build):
    """Building would create an empty warehouse on which every check passes: refused."""
    missing = tmp_path / "nope.duckdb"
    code = wecheer_main(["qa", "--db", str(missing)] + ([] if build else ["--no-build"]))
    assert code == 3
    err = capsys.readouterr().err.strip()
    assert err == f"wecheer qa: error: no warehouse at {missing}: run `wecheer generate` and " \
        "`wecheer build`"  # fmt: skip
    assert not missing.exists()
