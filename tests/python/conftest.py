"""Fixtures shared across test modules: generated warehouses built once per session.

`make test` runs the tests in parallel (pytest-xdist, `--dist loadgroup`). The tests of one file
run in one worker, so its fixtures are built once (the Spark test's one JVM and Derby metastore
among them); files that share the generated warehouses run in one worker too
(SHARED_FIXTURE_GROUPS). Each worker has its own temp folders, PostgreSQL server and work folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import GENERATED_DB_NAME, GENERATED_EVENTS
from support.core import parse_manifest

from wecheer.cli import main as wecheer_main
from wecheer.dbt import run_dbt
from wecheer.errors import raise_for_dbt
from wecheer.paths import WORK_DIR_ENV

# session fixtures that several files use, and the group of the files that use them (a worker
# builds them once for its files). Not the PostgreSQL server: one per worker costs a few seconds,
# less than running the PostgreSQL tests after the Spark test in one worker.
SHARED_FIXTURE_GROUPS = {"generated_warehouse": "generated"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Each file's tests in one xdist group: the shared fixture's group when a test of the file
    uses one, else the file's own (unless the file names its group)."""
    file_groups: dict[str, str] = {}
    for item in items:
        path = item.nodeid.split("::")[0]
        for fixture, group in SHARED_FIXTURE_GROUPS.items():
            if fixture in item.fixturenames:
                file_groups.setdefault(path, group)
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            path = item.nodeid.split("::")[0]
            item.add_marker(pytest.mark.xdist_group(file_groups.get(path, path)))


@pytest.fixture(scope="session", autouse=True)
def work_dir(tmp_path_factory):
    """The work folder of this test process (dbt's target/ and logs/ of the project's builds) in
    a temp folder, not the checkout: parallel test processes must not share dbt's files."""
    folder = tmp_path_factory.mktemp("work")
    with pytest.MonkeyPatch.context() as env:
        env.setenv(WORK_DIR_ENV, str(folder))
        yield folder


@pytest.fixture(scope="session")
def generated_manifest(tmp_path_factory):
    """One parse for every build of a generated warehouse (same file name, no vars)."""
    return parse_manifest(tmp_path_factory.mktemp("generated_parse"), GENERATED_DB_NAME)


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
