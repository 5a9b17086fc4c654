"""Fixtures shared across test modules: generated warehouses built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import GENERATED_DB_NAME, GENERATED_EVENTS

from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt
from wecheer.errors import raise_for_dbt


@pytest.fixture(scope="session")
def generated_manifest(tmp_path_factory):
    """One parse for every build of a generated warehouse (same file name, no vars)."""
    result = run_dbt(["parse"], db=tmp_path_factory.mktemp("generated_parse") / GENERATED_DB_NAME)
    assert result.success
    return result.result


@pytest.fixture(scope="session")
def generated_warehouse(tmp_path_factory, generated_manifest):
    """profile -> a warehouse generated with that fault profile (30k events, seed 1), with
    `dbt build` (every model and test) run once. Built lazily, one profile at a time."""
    cache: dict[str, Path] = {}

    def get(profile: str) -> Path:
        if profile not in cache:
            db = tmp_path_factory.mktemp(f"generated_{profile}") / GENERATED_DB_NAME
            args = ["generate", "--db", str(db), "--events", str(GENERATED_EVENTS)]
            args += ["--seed", "1", "--faults", profile, "--replace", "--quiet"]
            assert wecheer_main(args) == 0
            result = run_dbt(["build"], db=db, manifest=generated_manifest)
            # no node may fail, but the source checks may (their tests report faults to dbt)
            raise_for_dbt(result, checks_may_fail=True)
            cache[profile] = db
        return cache[profile]

    return get
