"""Analyst funnels declared in YAML (var wecheer_funnels): a step naming an event that is not
in the event catalogue stops the build with a one-line error instead of counting zeros."""

from __future__ import annotations

import json

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
