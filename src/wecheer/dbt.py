"""Run dbt with the wecheer dbt project and its profile (`wecheer build`, `qa`, `load-spark`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from wecheer.paths import PROJECT_ROOT, default_db, spark_dir, work_dir

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
    """Point dbt at the project's profiles.yml (unless $DBT_PROFILES_DIR names another) and at
    the warehouse file."""
    os.environ["WECHEER_DUCKDB"] = str(db) if db else str(default_db())
    os.environ.setdefault("DBT_PROFILES_DIR", str(PROJECT_ROOT))
    # the `spark` target's warehouse and metastore (absolute, whatever the working directory)
    os.environ.setdefault("WECHEER_SPARK_DIR", str(spark_dir()))


def target_type(target: str) -> str:
    """The adapter type of a target of the profile `wecheer` (its `type` in profiles.yml), else
    the target's name (the project's own targets are named after their type)."""
    import yaml

    path = Path(os.environ.get("DBT_PROFILES_DIR") or PROJECT_ROOT) / "profiles.yml"
    try:
        return str(yaml.safe_load(path.read_text())["wecheer"]["outputs"][target]["type"])
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return target


def dbt_paths_args(argv: Sequence[str]) -> list[str]:
    """--target-path and --log-path in the work folder, unless the arguments or dbt's own
    environment variables name them: the project may be an installed package, read-only."""
    args = []
    for flag, env, folder in (
        ("--target-path", "DBT_TARGET_PATH", "target"),
        ("--log-path", "DBT_LOG_PATH", "logs"),
    ):
        if flag == "--target-path" and argv and argv[0] in ("deps", "debug", "init"):
            continue  # commands that take no --target-path
        given = any(a == flag or a.startswith(flag + "=") for a in argv)
        if not given and not os.environ.get(env):
            args += [flag, str(work_dir() / folder)]
    return args


@contextmanager
def environment_variable(name: str, value: str):
    """`name` set to `value` while the block runs, then as it was."""
    saved = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = saved


def run_dbt(
    args: Sequence[str],
    db: str | os.PathLike[str] | None = None,
    manifest=None,
):
    """Invoke dbt in-process on the wecheer project; returns dbt's runner result.

    `manifest` (the result of a `parse`) skips parsing: a manifest is only valid for warehouse
    files with the same name stem (dbt-duckdb's database name) and the same vars.
    """
    from dbt.cli.main import dbtRunner

    dbt_env(db)
    argv = list(args)
    if "--project-dir" not in argv:
        argv += ["--project-dir", str(PROJECT_ROOT), *dbt_paths_args(argv)]
    if "--profiles-dir" not in argv:
        argv += ["--profiles-dir", os.environ["DBT_PROFILES_DIR"]]
    try:
        return dbtRunner(manifest=manifest).invoke(argv)
    finally:
        release_duckdb()


def release_duckdb() -> None:
    """Close the DuckDB database dbt-duckdb keeps open through a run when the profile says
    keep_open (an incremental `wecheer build`), so the file is free for whoever reads it next:
    this process, a notebook, `wecheer qa`."""
    connections = sys.modules.get("dbt.adapters.duckdb.connections")
    manager = getattr(connections, "DuckDBConnectionManager", None)
    environment = getattr(manager, "_ENV", None)
    if environment is not None:
        environment.close()
        manager.close_all_connections()
