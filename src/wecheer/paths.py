"""Where the project's files and the default warehouse live."""

from __future__ import annotations

import os
from pathlib import Path

# The package is used from its repository (a dbt project); src/wecheer/paths.py -> repo root.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
CATALOG_CSV = PROJECT_ROOT / "seeds" / "wecheer_event_catalog.csv"
DEFAULT_DB_RELATIVE = Path("data") / "wecheer.duckdb"


def default_db() -> Path:
    """The warehouse file: $WECHEER_DUCKDB, else data/wecheer.duckdb under the repo."""
    env = os.environ.get("WECHEER_DUCKDB")
    return Path(env) if env else PROJECT_ROOT / DEFAULT_DB_RELATIVE


def no_warehouse_message(db: str | os.PathLike[str]) -> str:
    """The one-line error of commands that need an existing warehouse file."""
    return f"no warehouse at {db}: run `wecheer generate` and `wecheer build`"
