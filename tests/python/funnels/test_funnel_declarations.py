"""Analyst funnels declared in YAML (var wecheer_funnels): a step naming an event that is not
in the event catalogue stops the build with a one-line error instead of counting zeros."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest
import yaml

from wecheer.dbt import run_dbt
from wecheer.paths import PROJECT_ROOT

DECLARED = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text())["vars"]["wecheer_funnels"]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("funnel_declarations") / "w.duckdb"
    assert run_dbt(["seed", "--select", "wecheer_event_catalog"], db=db).success
    return db


def compile_safe_box(db, steps) -> tuple[bool, str]:
    funnels = {**DECLARED, "safe_box": {"count": "occurrences", "steps": steps}}
    result = run_dbt(
        ["compile", "--select", "wecheer__funnel_safe_box", "--vars",
         json.dumps({"wecheer_funnels": funnels})],
        db=db,
    )  # fmt: skip
    messages = " ".join(str(getattr(r, "message", "") or "") for r in (result.result or []))
    return result.success, messages + " " + str(result.exception or "")


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ("SafeBoxRead", "step 2 event 'SafeBoxRead' is not in the event catalogue; "
                        "did you mean 'Safe Box Read'?"),
        ("safe_box_read", "did you mean 'Safe Box Read'?"),
        ("Safe Box Red", "step 2 event 'Safe Box Red' is not in the event catalogue "
                         "(canonical Title Case names"),
    ],
)  # fmt: skip
def test_a_step_outside_the_catalogue_stops_the_build(seeded, event, message):
    ok, text = compile_safe_box(seeded, [{"event": "Safe Box Generated"}, {"event": event}])
    assert not ok
    assert message in text


def test_catalogue_names_and_declared_unplanned_events_compile(seeded):
    ok, text = compile_safe_box(
        seeded,
        [{"event": "Safe Box Generated"}, {"event": "Safe Box Read", "within_hours": 24}],
    )
    assert ok, text
    ok, text = compile_safe_box(
        seeded,
        [{"event": "Safe Box Generated"}, {"event": "Brand Coupon Shown", "unplanned": True}],
    )
    assert ok, text


def test_an_edited_declaration_is_recomputed_by_the_next_incremental_build(
    generated_warehouse, tmp_path
):
    """A funnel's state is kept per stream; when the analyst edits the declaration (a window of
    a second here) or stops building a funnel, the next incremental build gives what a full
    refresh gives, without --full-refresh."""
    db = tmp_path / "w.duckdb"
    shutil.copy(generated_warehouse("clean"), db)
    edited = json.loads(json.dumps(DECLARED["scan_to_points"]))
    edited["steps"][1]["within_hours"] = 1 / 3600
    variables = ["--vars", json.dumps({"wecheer_funnels": {"scan_to_points": edited}})]
    select = ["--select", "+wecheer__funnel_scan_to_points", "--resource-type", "model"]
    query = "select * from wecheer__funnel_scan_to_points order by campaign_id, step_number"
    before = fetch(db, query)
    assert run_dbt(["build", *select, *variables], db=db).success
    after = fetch(db, query)
    full = tmp_path / "full.duckdb"
    shutil.copy(db, full)
    assert run_dbt(["build", *select, *variables, "--full-refresh"], db=full).success
    assert after == fetch(full, query)
    assert after != before  # fewer users are accepted within a second of their scan
    kept = "select distinct funnel_name from int_wecheer__funnel_streams"
    assert fetch(db, kept) == [("scan_to_points",)]  # safe_box is no longer built


def fetch(db, query):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query).fetchall()
