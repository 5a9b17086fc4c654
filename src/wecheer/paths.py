"""Where the dbt project, the event catalogue and the user's files live.

The dbt project (dbt_project.yml, models/, macros/, seeds/, tests/dbt, analyses/, profiles.yml)
and the notebooks sit at the top of the repository. An installed wheel carries them as package
data in wecheer/project/ (setup.py); a checkout (editable install) uses the repository itself.

What the commands write (the default warehouse data/wecheer.duckdb, dbt's target/ and logs/,
reports/) goes to the work folder: $WECHEER_WORK_DIR (or `wecheer --work-dir`), else the
repository in a checkout, else the current directory. Never into the installed package.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

PACKAGED_PROJECT = Path(__file__).resolve().parent / "project"
IS_CHECKOUT = not (PACKAGED_PROJECT / "dbt_project.yml").is_file()
# src/wecheer/paths.py -> the repository in a checkout
PROJECT_ROOT = Path(__file__).resolve().parents[2] if IS_CHECKOUT else PACKAGED_PROJECT
CATALOG_CSV = PROJECT_ROOT / "seeds" / "wecheer_event_catalog.csv"
WORK_DIR_ENV = "WECHEER_WORK_DIR"
DEFAULT_DB_RELATIVE = Path("data") / "wecheer.duckdb"


def work_dir() -> Path:
    """The folder for the warehouse, dbt's target/ and logs/, and reports/."""
    env = os.environ.get(WORK_DIR_ENV)
    if env:
        return Path(env).resolve()
    return PROJECT_ROOT if IS_CHECKOUT else Path.cwd()


def default_db() -> Path:
    """The warehouse file: $WECHEER_DUCKDB, else data/wecheer.duckdb in the work folder."""
    env = os.environ.get("WECHEER_DUCKDB")
    return Path(env) if env else work_dir() / DEFAULT_DB_RELATIVE


def add_db_option(parser: argparse._ActionsContainer, what: str = "DuckDB file", more: str = ""):
    """The `--db` option of the commands that read or write the warehouse; not given (None),
    the command uses `default_db()`, read when it runs (after `--work-dir`)."""
    parser.add_argument(
        "--db", default=None,
        help=f"{what} (default: $WECHEER_DUCKDB or {DEFAULT_DB_RELATIVE.as_posix()}){more}",
    )  # fmt: skip


def spark_dir() -> Path:
    """Where the `spark` target keeps its warehouse and Derby metastore: $WECHEER_SPARK_DIR,
    else data/spark in the work folder."""
    env = os.environ.get("WECHEER_SPARK_DIR")
    return Path(env) if env else work_dir() / "data" / "spark"


def no_warehouse_message(db: str | os.PathLike[str]) -> str:
    """The one-line error of commands that need an existing warehouse file."""
    return f"no warehouse at {db}: run `wecheer generate` and `wecheer build`"
