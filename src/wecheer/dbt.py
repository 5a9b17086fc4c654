"""Run dbt with the repository's project and profile (`wecheer build`, `wecheer dbt`)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from wecheer.paths import PROJECT_ROOT, default_db

# The dbt core (issue 3): the nodes that turn the raw source into the conformed marts, from the
# event catalogue seed to wecheer__events, wecheer__users, wecheer__advertisers and
# wecheer__campaigns. Selecting them by name (with --indirect-selection cautious for their
# tests) is how the core tests and benchmarks/bench_dbt_build.py build just the core.
CORE_MODELS = (
    "wecheer_event_catalog",
    "stg_wecheer__event_tables",
    "stg_wecheer__event_catalog",
    "stg_wecheer__identifies",
    "stg_wecheer__users",
    "stg_wecheer__reference_advertisers",
    "stg_wecheer__reference_campaigns",
    "int_wecheer__event_aliases",
    "int_wecheer__event_rows",
    "int_wecheer__event_rows_classified",
    "int_wecheer__event_activity",
    "int_wecheer__user_activity",
    "int_wecheer__event_rows_deduplicated",
    "wecheer__events",
    "wecheer__event_duplicates",
    "wecheer__quarantined_events",
    "wecheer__users",
    "wecheer__advertisers",
    "wecheer__campaigns",
)


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
