"""The source QA as dbt sees it: outcomes in run_results.json, fail shares from the check seed and
its var, and sources with nothing to check that build without a model error."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta

import duckdb
import pytest
from support import QA_CHECK_NAMES
from support.segment_source import Row, steady_programme, write_source

from wecheer import qa
from wecheer.dbt import run_dbt
from wecheer.errors import EXIT_CHECK_FAILED, QA_STATUS_TEST, raise_for_dbt
from wecheer.paths import PROJECT_ROOT, work_dir
from wecheer.qa_checks import GENERATED_DOCS, load_checks, with_generated_table

START = datetime(2026, 3, 2)
PROGRAMME = steady_programme(START, days=10, users=2)  # 60 rows
AS_OF = max(r.standard()["received_at"] for r in PROGRAMME) + timedelta(hours=1)
BUILD_QA = ["build", "--select", "+wecheer__source_qa", "--indirect-selection", "cautious"]


def with_missing_campaigns(rows, every: int = 10):
    """10% of rows without a campaign id: missing_ids fails (default share 1%)."""
    return [r.copy(campaign_id=None) if i % every == 0 else r for i, r in enumerate(rows)]


def unplanned(count: int):
    return [Row("Coupon Clipped", START + timedelta(days=2, hours=h)) for h in range(count)]


def build_qa(db, rows, **qa_vars):
    write_source(db, rows)
    variables = {"wecheer_qa_as_of": str(AS_OF), **qa_vars}
    result = run_dbt([*BUILD_QA, "--vars", json.dumps(variables)], db=db)
    raise_for_dbt(result, checks_may_fail=True)  # no model or other test failed
    return result, {r.check_name: r for r in qa.read_results(db)}


def test_failed_and_warned_checks_reach_run_results_and_skip_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    write_source(db, with_missing_campaigns(PROGRAMME) + unplanned(2))
    completed = subprocess.run(
        [sys.executable, "-m", "wecheer.cli", "build", "--db", str(db), *BUILD_QA[1:]]
        + ["--vars", json.dumps({"wecheer_qa_as_of": str(AS_OF)})],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == EXIT_CHECK_FAILED, completed.stdout[-3000:]
    assert completed.stderr.splitlines() == [
        "wecheer build: error: the build is done, but 1 source check(s) failed "
        "(see `wecheer qa --no-build`)"
    ]
    run_results = json.loads((work_dir() / "target" / "run_results.json").read_text())
    statuses = {r["unique_id"].split(".")[2]: r for r in run_results["results"]}
    assert statuses[f"{QA_STATUS_TEST}_wecheer__source_qa_fail"]["status"] == "fail"
    assert statuses[f"{QA_STATUS_TEST}_wecheer__source_qa_fail"]["failures"] == 1
    assert statuses[f"{QA_STATUS_TEST}_wecheer__source_qa_warn"]["status"] == "warn"
    assert statuses[f"{QA_STATUS_TEST}_wecheer__source_qa_warn"]["failures"] == 1
    others = {
        name: r["status"] for name, r in statuses.items() if not name.startswith(QA_STATUS_TEST)
    }
    assert set(others.values()) <= {"success", "pass"}, others
    assert statuses["wecheer__source_qa"]["status"] == "success"


def test_fail_shares_come_from_the_seed_and_the_var_overrides_them(tmp_path):
    rows = with_missing_campaigns(PROGRAMME) + unplanned(2)
    _, default = build_qa(tmp_path / "default.duckdb", rows)
    assert (default["missing_ids"].status, default["unplanned_events"].status) == ("fail", "warn")
    shares = {"missing_ids": None, "unplanned_events": 0.01}  # warn only; 2 of 62 rows > 1%
    _, overridden = build_qa(tmp_path / "vars.duckdb", rows, wecheer_qa_fail_share=shares)
    assert (overridden["missing_ids"].status, overridden["unplanned_events"].status) == (
        "warn",
        "fail",
    )


@pytest.mark.parametrize("case", ["only tracks", "zero rows"])
def test_a_source_with_no_event_row_builds_and_fails_freshness(tmp_path, case):
    """dbt build never stops on such a source; the QA says it is empty, never all-pass."""
    db = tmp_path / "w.duckdb"
    write_source(db, PROGRAMME)
    with duckdb.connect(str(db)) as con:
        tables = con.execute(
            "select table_name from information_schema.tables "
            "where table_schema = 'wecheer_prod' and table_name <> 'tracks'"
        ).fetchall()
        for (name,) in tables:
            con.execute(f'drop table wecheer_prod."{name}"')
        if case == "zero rows":
            con.execute("delete from wecheer_prod.tracks")
    result = run_dbt([*BUILD_QA, "--vars", json.dumps({"wecheer_qa_as_of": str(AS_OF)})], db=db)
    raise_for_dbt(result, checks_may_fail=True)
    results = {r.check_name: r for r in qa.read_results(db)}
    assert set(results) == QA_CHECK_NAMES
    assert (results["freshness"].status, results["freshness"].detail) == (
        "fail",
        "No event has been received.",
    )
    parity = results.pop("tracks_parity")
    if case == "only tracks":  # tracks has rows no event table has: counted, no share of 0 rows
        assert (parity.status, parity.failing_rows, parity.total_rows) == ("fail", 60, 0)
        assert parity.detail.startswith("60 of 0 rows. Worst: ")
    else:
        assert parity.status == "pass"
    assert {r.status for name, r in results.items() if name != "freshness"} == {"pass"}


def test_the_docs_check_tables_are_generated_from_the_seed():
    for name in GENERATED_DOCS:
        text = (PROJECT_ROOT / name).read_text(encoding="utf-8")
        assert with_generated_table(text) == text, f"run `python -m wecheer.qa_checks` ({name})"
        for check in load_checks():
            assert f"| `{check.check_name}` | {check.finds} |" in text


def test_qa_help_lists_every_check_with_its_fail_share():
    completed = subprocess.run(
        [sys.executable, "-m", "wecheer.cli", "qa", "--help"], capture_output=True, text=True
    )
    assert completed.returncode == 0
    lines = completed.stdout.splitlines()
    for check in load_checks():
        line = next(line for line in lines if line.split()[:1] == [check.check_name])
        assert line.split()[1] == check.fail_share_text
