"""Shared by the dbt core tests: which nodes are core, how to run and check them."""

from __future__ import annotations

from pathlib import Path

import duckdb

from wecheer.dbt import CORE_SELECTOR, run_dbt

# dbt-duckdb names the database after the file's stem, and a parsed manifest is only valid for
# that name: every warehouse file in these tests is called this (each in its own folder).
DB_NAME = "warehouse.duckdb"

# the core's public marts: a core build that did not run each of them did not build the core
CORE_MARTS = {
    "wecheer__events",
    "wecheer__event_duplicates",
    "wecheer__quarantined_events",
    "wecheer__users",
    "wecheer__advertisers",
    "wecheer__campaigns",
}
SELECT_CORE = ["--select", CORE_SELECTOR, "--indirect-selection", "cautious", "--threads", "4"]
BUILD_CORE = ["build", *SELECT_CORE]
RUN_CORE = ["build", *SELECT_CORE, "--resource-type", "model", "--resource-type", "seed"]


def parse_manifest(folder: Path, db_name: str = DB_NAME):
    """Parse the project once; builds given this manifest skip parsing (about 3 s each). It is
    valid for warehouse files named `db_name`."""
    result = run_dbt(["parse"], db=folder / db_name)
    assert result.success
    return result.result


def build_statuses(result, expected, what: str = "nodes") -> dict[str, str]:
    """Node name -> status of a dbt build, asserting it succeeded and ran every node named in
    `expected` (`what` names them in the message)."""
    assert result.success, [
        (r.node.name, str(r.status), r.message)
        for r in (result.result or [])
        if str(r.status) not in ("success", "pass", "warn")
    ]
    statuses = {r.node.name: str(r.status) for r in result.result}
    missing = set(expected) - set(statuses)
    assert not missing, f"{what} not run: {sorted(missing)}"
    return statuses


def core_results(result) -> dict[str, str]:
    """Node name -> status of a dbt build, asserting it succeeded and ran every core mart."""
    return build_statuses(result, CORE_MARTS, "core nodes")


def fetch(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


COMPARED = {
    # built_at: when the row was written, not what was found
    "wecheer__events": "select * exclude (built_at) from wecheer__events order by event_id",
    "int_wecheer__event_rows_classified": (
        "select * from int_wecheer__event_rows_classified order by all"
    ),
    "wecheer__event_duplicates": (
        "select * exclude (built_at) from wecheer__event_duplicates order by all"
    ),
    "wecheer__quarantined_events": "select * from wecheer__quarantined_events order by all",
    # the helpers the dimensions are built from, and the dimensions themselves
    "int_wecheer__event_activity": "select * from int_wecheer__event_activity order by all",
    "int_wecheer__user_activity": "select * from int_wecheer__user_activity order by all",
    "wecheer__users": "select * from wecheer__users order by user_id",
    "wecheer__advertisers": "select * from wecheer__advertisers order by advertiser_id",
    "wecheer__campaigns": "select * from wecheer__campaigns order by campaign_id",
}
INCREMENTAL_MODELS = [
    "int_wecheer__event_rows_classified",
    "wecheer__events",
    "int_wecheer__event_activity",
    "int_wecheer__user_activity",
]


def full_refresh_equals(db: Path, manifest) -> dict[str, tuple[list, list]]:
    """The compared tables as built, then after a full refresh of every core model (the
    incremental ones rebuilt from scratch, the tables rebuilt from them)."""
    before = {name: fetch(db, sql) for name, sql in COMPARED.items()}
    result = run_dbt([*RUN_CORE, "--full-refresh"], db=db, manifest=manifest)
    assert result.success
    ran = {r.node.name for r in result.result}
    assert set(INCREMENTAL_MODELS) <= ran and set(COMPARED) <= ran, sorted(ran)
    return {name: (before[name], fetch(db, sql)) for name, sql in COMPARED.items()}
