"""wecheer as a dbt package in a team's own project (integration_tests/, `local: ..`).

The team's project reads the Segment source from another database (a DuckDB file attached as
`segment_raw`) and another schema (`segment_wecheer`), set by vars; has its own MetricFlow time
spine; declares its own funnel and builds it with a one-line model
`{{ wecheer.wecheer_funnel('scan_to_reward') }}`; and overrides one dispatched macro of the
package. `dbt deps` (a local package: a symlink, offline) then `dbt build` must succeed, the
package's marts must hold the source's events, the team's funnel must count what the events
say, and the package's example funnels and time spine must stay out of the team's DAG.
"""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest
from support.engines import EXPECTED_MARTS

from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt
from wecheer.paths import PROJECT_ROOT

TEAM_PROJECT = PROJECT_ROOT / "integration_tests"
TEAM = "wecheer_integration_tests"
EXAMPLE_FUNNELS = {"wecheer__funnel_safe_box", "wecheer__funnel_scan_to_points"}

pytestmark = pytest.mark.slow


def _fetch(db, query: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query).fetchall()


@pytest.fixture(scope="module")
def team_build(tmp_path_factory):
    """The team's project built once: (its warehouse, the source file, its target folder)."""
    folder = tmp_path_factory.mktemp("team_project")
    source, warehouse = folder / "segment_raw.duckdb", folder / "team.duckdb"
    target = folder / "target"
    argv = ["generate", "--db", str(source), "--schema", "segment_wecheer"]
    argv += ["--reference-schema", "segment_reference", "--events", "5000", "--seed", "3"]
    assert wecheer_main([*argv, "--faults", "realistic", "--quiet"]) == 0

    with pytest.MonkeyPatch.context() as env:
        env.setenv("WECHEER_IT_DUCKDB", str(warehouse))
        env.setenv("WECHEER_IT_SOURCE_DUCKDB", str(source))
        project = ["--project-dir", str(TEAM_PROJECT), "--profiles-dir", str(TEAM_PROJECT)]
        logs = ["--log-path", str(folder / "logs")]
        assert run_dbt(["deps", *project, *logs]).success
        result = run_dbt(["build", *project, *logs, "--target-path", str(target)])
    # the source's checks may fail (this source is generated with faults): they report on the
    # source, they do not break the build
    failures = [
        (r.node.name, str(r.status), r.message)
        for r in (result.result or [])
        if str(r.status) not in ("success", "pass", "warn", "no-op")
        and not r.node.name.startswith("wecheer_no_qa_check_with_status")
    ]
    assert result.exception is None and not failures, failures or result.exception
    return warehouse, source, target


def test_the_package_builds_its_marts_from_the_source_named_by_vars(team_build):
    warehouse, source, _ = team_build
    marts = {
        name
        for (name,) in _fetch(
            warehouse,
            "select table_name from information_schema.tables where table_catalog = 'team' "
            "and table_schema = 'main' and starts_with(table_name, 'wecheer__')",
        )
    }
    expected = EXPECTED_MARTS - EXAMPLE_FUNNELS
    assert marts == expected, sorted(marts ^ expected)
    # every event of the source in the other database and schema, as the generator recorded
    (truth,) = _fetch(source, "select sum(unique_events) from wecheer_truth.event_counts")[0]
    (events,) = _fetch(warehouse, "select count(*) from main.wecheer__events")[0]
    assert events == truth > 4000


def test_the_teams_funnel_counts_what_the_events_say(team_build):
    warehouse, _, _ = team_build
    steps = _fetch(
        warehouse,
        "select campaign_id, step_number, step_name, reached from main.team_scan_to_reward_funnel",
    )
    assert {(n, name) for _, n, name, _ in steps} == {
        (1, "scanned"),
        (2, "accepted"),
        (3, "rewarded"),
    }
    scanned = dict(
        _fetch(
            warehouse,
            "select campaign_id, count(distinct user_id) from main.wecheer__events "
            "where event_name = 'Scan Receipt' and user_id is not null "
            "and campaign_id is not null group by 1",
        )
    )
    assert {c: reached for c, n, _, reached in steps if n == 1} == scanned and scanned
    by_campaign = {}
    for campaign, _step, _, reached in sorted(steps):
        by_campaign.setdefault(campaign, []).append(reached)
    assert all(a >= b >= c for a, b, c in by_campaign.values())
    assert sum(c for _, _, c in by_campaign.values()) > 0


def test_the_teams_time_spine_is_the_only_one(team_build):
    warehouse, _, target = team_build
    # the team's range (2024-2030), not the package's (2020-2035)
    days = _fetch(warehouse, "select min(date_day), max(date_day) from main.metricflow_time_spine")
    assert days == [(dt.date(2024, 1, 1), dt.date(2030, 12, 31))]
    semantic = json.loads((target / "semantic_manifest.json").read_text())
    spines = semantic["project_configuration"]["time_spines"]
    assert [s["node_relation"]["alias"] for s in spines] == ["metricflow_time_spine"]
    manifest = json.loads((target / "manifest.json").read_text())
    assert f"model.{TEAM}.metricflow_time_spine" in manifest["nodes"]
    disabled = set(manifest["disabled"])
    assert "model.wecheer.wecheer_time_spine" in disabled
    assert {f"model.wecheer.{name}" for name in EXAMPLE_FUNNELS} <= disabled
    assert not {f"model.wecheer.{name}" for name in EXAMPLE_FUNNELS} & set(manifest["nodes"])


def test_the_teams_override_of_a_dispatched_macro_is_used(team_build):
    _, _, target = team_build
    compiled = target / "run" / "wecheer" / "models" / "intermediate" / "core"
    sql = (compiled / "int_wecheer__event_rows.sql").read_text()
    assert "/* wecheer_integration_tests override */" in sql
