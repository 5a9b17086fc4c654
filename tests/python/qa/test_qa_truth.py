"""Source QA against the generator's truth: no false alarm on clean data, and on each fault
profile every injected fault found with exactly the count the generator recorded."""

from __future__ import annotations

import json

import duckdb
import pytest
from support import PROFILES

from wecheer import qa
from wecheer.dbt import run_dbt
from wecheer.errors import raise_for_dbt


def qa_as_of_truth(db):
    """Rebuild the QA models judging freshness as of the generator's last sync."""
    with duckdb.connect(str(db), read_only=True) as con:
        (as_of,) = con.execute("select max(as_of) from wecheer_truth.runs").fetchone()
        faults = dict(
            con.execute("select check_name, failing_rows from wecheer_truth.faults").fetchall()
        )
    result = run_dbt(
        [
            "build",
            "--select",
            "wecheer__source_qa",
            "--vars",
            json.dumps({"wecheer_qa_as_of": str(as_of)}),
        ],
        db=db,
    )
    raise_for_dbt(result, checks_may_fail=True)  # failed checks are test failures, nothing else
    assert len(result.result) > 1
    return {r.check_name: r for r in qa.read_results(db)}, faults


@pytest.mark.parametrize("profile", PROFILES)
def test_qa_counts_equal_the_injected_faults(generated_warehouse, profile):
    results, faults = qa_as_of_truth(generated_warehouse(profile))
    assert set(faults) <= set(results)
    found = {name: results[name].failing_rows for name in faults}
    assert found == faults
    for name, result in results.items():
        expected = faults.get(name, 0)
        assert (result.status == "pass") == (expected == 0), (name, result.detail)


def test_clean_data_passes_every_check(generated_warehouse):
    results, faults = qa_as_of_truth(generated_warehouse("clean"))
    assert set(faults.values()) == {0}
    assert {r.status for r in results.values()} == {"pass"}, {
        n: r.detail for n, r in results.items() if r.status != "pass"
    }


def test_realistic_data_has_every_kind_of_fault(generated_warehouse):
    _, faults = qa_as_of_truth(generated_warehouse("realistic"))
    assert all(count > 0 for count in faults.values()), faults
