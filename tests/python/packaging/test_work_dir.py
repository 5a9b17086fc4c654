"""`wecheer --work-dir DIR` (or $WECHEER_WORK_DIR): the default warehouse, dbt's target/ and
logs/ go to that folder, before or after the command's name, for that command only."""

from __future__ import annotations

import os

from wecheer.cli import main as wecheer_main
from wecheer.paths import WORK_DIR_ENV


def test_the_work_dir_holds_the_warehouse_and_dbt_s_files(tmp_path, monkeypatch):
    for name in ("WECHEER_DUCKDB", WORK_DIR_ENV, "DBT_TARGET_PATH", "DBT_LOG_PATH"):
        monkeypatch.delenv(name, raising=False)
    work = tmp_path / "work"
    argv = ["generate", "--events", "1000", "--days", "3", "--quiet"]
    assert wecheer_main(["--work-dir", str(work), *argv]) == 0
    assert (work / "data" / "wecheer.duckdb").is_file()
    assert WORK_DIR_ENV not in os.environ

    assert (
        wecheer_main(["build", "--work-dir", str(work), "--select", "wecheer_event_catalog"]) == 0
    )
    assert (work / "target" / "run_results.json").is_file()
    assert (work / "logs" / "dbt.log").is_file()
    assert WORK_DIR_ENV not in os.environ
