"""The dbt project's declared vars (`dbt_project.yml`), for Python code that must agree with the
models' defaults: the value is defined there once."""

from __future__ import annotations

from functools import cache

import yaml

from wecheer.paths import PROJECT_ROOT


@cache
def project_vars() -> dict:
    with (PROJECT_ROOT / "dbt_project.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["vars"]


def receipt_window_hours() -> int:
    """Hours a receipt attempt stays open after its scan (var wecheer_receipt_window_hours)."""
    return int(project_vars()["wecheer_receipt_window_hours"])
