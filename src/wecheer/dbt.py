"""Run dbt with the repository's project and profile (`wecheer build`, `wecheer dbt`)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from wecheer.paths import PROJECT_ROOT, default_db

# The dbt core: the nodes that turn the raw source into the conformed marts (the event catalogue
# seed, staging, intermediate/core and marts/core), tagged in dbt_project.yml. Selected with
# `--indirect-selection cautious` for their tests by the core tests and bench_dbt_build.py.
CORE_SELECTOR = "tag:wecheer_core"


def tagged_nodes(manifest, tag: str = "wecheer_core") -> set[str]:
    """Names of the models and seeds of a parsed manifest that carry `tag`."""
    return {
        node.name
        for node in manifest.nodes.values()
        if node.resource_type in ("model", "seed") and tag in node.tags
    }


def dbt_env(db: str | os.PathLike[str] | None = None) -> None:
    """Point dbt at this repo's profiles.yml and at the warehouse file."""
    os.environ["WECHEER_DUCKDB"] = str(db) if db else str(default_db())
    os.environ.setdefault("DBT_PROFILES_DIR", str(PROJECT_ROOT))
    # the `spark` target's warehouse and metastore (absolute, whatever the working directory)
    os.environ.setdefault("WECHEER_SPARK_DIR", str(PROJECT_ROOT / "data" / "spark"))


def run_dbt(
    args: Sequence[str],
    db: str | os.PathLike[str] | None = None,
    manifest=None,
):
    """Invoke dbt in-process from the project root; returns dbt's runner result.

    `manifest` (the result of a `parse`) skips parsing: a manifest is only valid for warehouse
    files with the same name stem (dbt-duckdb's database name) and the same vars.
    """
    from dbt.cli.main import dbtRunner

    dbt_env(db)
    argv = list(args)
    if "--project-dir" not in argv:
        argv += ["--project-dir", str(PROJECT_ROOT)]
    if "--profiles-dir" not in argv:
        argv += ["--profiles-dir", os.environ["DBT_PROFILES_DIR"]]
    return dbtRunner(manifest=manifest).invoke(argv)
